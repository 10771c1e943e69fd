import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Runs `node <args>` as a process of its own (so the load generator does not share its event
 * loop) and waits for the port it prints on its first line.
 */
export async function startChildServer(
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await firstLine(child);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function firstLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = Number(out.split('\n')[0]);
      if (!out.includes('\n')) return;
      if (port > 0) resolve(port);
      else reject(new Error(`child: ${out}`));
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before listening`)));
  });
}

/** A node:http handler that answers every request with the same bytes (the edge's raw baseline). */
export function startRawServer(body: string, contentType: string): Promise<ChildServer> {
  const code = `const b = Buffer.from(process.env.RAW_BODY);
const s = require('node:http').createServer((q, r) => { q.resume();
  r.writeHead(200, { 'content-type': process.env.RAW_TYPE, 'content-length': b.length }).end(b); });
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
process.on('SIGTERM', () => process.exit(0));`;
  return startChildServer(['-e', code], { RAW_BODY: body, RAW_TYPE: contentType });
}

/**
 * A node:http proxy and nothing else (a keep-alive agent, the bodies piped both ways) in front of
 * `target`: the least any node:http gateway costs, so the gateway's figure has a ceiling beside it.
 */
export function startRawProxy(target: string): Promise<ChildServer> {
  const code = `const http = require('node:http'); const t = new URL(process.env.RAW_TARGET);
const agent = new http.Agent({ keepAlive: true });
const s = http.createServer((q, r) => {
  const u = http.request({ host: t.hostname, port: t.port, path: q.url, method: q.method,
    headers: q.headers, agent }, (a) => { r.writeHead(a.statusCode, a.headers); a.pipe(r); });
  u.on('error', () => { r.statusCode = 502; r.end(); });
  q.pipe(u); });
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
process.on('SIGTERM', () => process.exit(0));`;
  return startChildServer(['-e', code], { RAW_TARGET: target });
}
