import {
  createServer,
  type IncomingHttpHeaders,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on a free loopback port; `close` also drops keep-alive connections. */
export async function listen(handler: RequestListener): Promise<TestServer & { server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** What an echo upstream answers: who it is and what it received. */
export interface Echo extends SeenRequest {
  readonly upstream: string;
}

export interface EchoUpstream extends TestServer {
  readonly name: string;
  /** Every request that reached this upstream, in order. */
  readonly seen: SeenRequest[];
}

/**
 * A stand-in upstream: parses JSON like a real service (malformed JSON is its 400) and
 * answers with what it received.
 */
export async function startEchoUpstream(name: string): Promise<EchoUpstream> {
  const seen: SeenRequest[] = [];
  const app = express();
  app.use(express.json({ limit: '10mb' }));
  app.use((req, res) => {
    const request = {
      method: req.method,
      url: req.originalUrl,
      headers: req.headers,
      body: req.body,
    };
    seen.push(request);
    res.json({ upstream: name, ...request });
  });
  const onError: ErrorRequestHandler = (err: { status?: number }, req, res, _next) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: undefined });
    res
      .status(err.status ?? 500)
      .type('application/problem+json')
      .json({ status: err.status });
  };
  app.use(onError);
  const server = await listen(app);
  return { ...server, name, seen };
}

/** An upstream that accepts requests and never answers them. */
export function startSilentUpstream(): Promise<TestServer> {
  return listen(() => undefined);
}
