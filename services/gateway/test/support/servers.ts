import type { IncomingHttpHeaders } from 'node:http';
import { listenOnFreePort, type TestServer } from '@shop/common/testing';
import express, { type ErrorRequestHandler } from 'express';

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
  const server = await listenOnFreePort(app);
  return { ...server, name, seen };
}

/** An upstream that accepts requests and never answers them. */
export function startSilentUpstream(): Promise<TestServer> {
  return listenOnFreePort(() => undefined);
}
