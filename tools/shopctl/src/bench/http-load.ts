import http from 'node:http';
import { summarize, type LatencySummary } from './stats';

export interface HttpLoadOptions {
  readonly url: string;
  /** Concurrent keep-alive connections, each a closed loop (one request in flight). */
  readonly connections: number;
  readonly durationMs: number;
  readonly method?: string;
  /** The body of every request, as JSON; a function gives each request its own. */
  readonly body?: () => unknown;
  /** The status every answer must have: anything else counts as an error. */
  readonly expected?: number;
}

export interface HttpLoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly latency: LatencySummary;
  readonly firstError?: string;
}

/**
 * A closed-loop HTTP load generator on node:http with keep-alive: `connections` loops each send
 * a request, read the whole answer, and send the next until the duration is over. Its own cost
 * is small and the same for every target, so the ratios between targets are what it measures.
 */
export async function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = Date.now();
  const stopAt = started + options.durationMs;
  const loop = async () => {
    while (Date.now() < stopAt) {
      const sent = performance.now();
      try {
        await request(agent, options);
        latencies.push(performance.now() - sent);
      } catch (err) {
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    latency: summarize(latencies),
    firstError,
  };
}

function request(agent: http.Agent, options: HttpLoadOptions): Promise<void> {
  const body = options.body ? JSON.stringify(options.body()) : undefined;
  const headers = body
    ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    : {};
  return new Promise((resolve, reject) => {
    const req = http.request(options.url, { agent, method: options.method ?? 'GET', headers });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === (options.expected ?? 200)
          ? resolve()
          : reject(new Error(`${options.url}: status ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
