import type { Agent, ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { AppError, currentContext, sendProblem, type Logger } from '@shop/common';
import type { ServiceName } from '@shop/topology';
import type { Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Counter } from 'prom-client';
import type { UpstreamResolver } from './resolver';

export interface UpstreamProxyOptions {
  readonly resolver: UpstreamResolver;
  /** Keep-alive connection pool shared by every upstream. */
  readonly agent: Agent;
  /** An upstream silent for this long is given up on with a 504. */
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly errors: Counter<'upstream' | 'kind'>;
}

/** Why an upstream call failed, as counted in `gateway_upstream_errors_total{kind}`. */
export type UpstreamErrorKind = 'timeout' | 'unreachable' | 'failed';

class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Forwards the request to `upstream` unchanged (method, path, query, body stream), adding the
 * request id and trace headers; failures become 502/504 problems, never a hang.
 */
export function upstreamProxy(
  upstream: ServiceName,
  options: UpstreamProxyOptions,
): RequestHandler {
  return createProxyMiddleware<Request, Response>({
    router: () => options.resolver.resolve(upstream),
    changeOrigin: true, // the mesh routes by Host: it must name the upstream, not the gateway
    agent: options.agent,
    on: {
      proxyReq: (proxyReq, req) => prepareUpstreamRequest(proxyReq, req, options.timeoutMs),
      error: (err, req, res) => {
        const { kind, failure } = classify(err, upstream);
        options.errors.inc({ upstream, kind });
        options.log.warn({ err, upstream, kind, url: req.url }, 'upstream request failed');
        answerFailure(res, failure);
      },
    },
  });
}

function prepareUpstreamRequest(proxyReq: ClientRequest, req: Request, timeoutMs: number): void {
  for (const [name, value] of Object.entries(currentContext()?.propagation ?? {})) {
    proxyReq.setHeader(name, value);
  }
  if (Buffer.isBuffer(req.body)) {
    // A chunked body the body limit had to buffer (and decode) to count: send it whole.
    proxyReq.removeHeader('transfer-encoding');
    proxyReq.removeHeader('content-encoding');
    proxyReq.setHeader('content-length', req.body.length);
    proxyReq.write(req.body);
  }
  proxyReq.setTimeout(timeoutMs, () => {
    proxyReq.destroy(new UpstreamTimeoutError(`no answer within ${timeoutMs} ms`));
  });
}

function classify(
  err: Error & { code?: string },
  upstream: ServiceName,
): { kind: UpstreamErrorKind; failure: AppError } {
  if (err instanceof UpstreamTimeoutError) {
    const detail = `${upstream} did not answer in time`;
    return { kind: 'timeout', failure: new AppError('upstream_timeout', 504, detail, err) };
  }
  if (UNREACHABLE.has(err.code ?? '')) {
    const detail = `${upstream} is unavailable`;
    return { kind: 'unreachable', failure: new AppError('upstream_unavailable', 502, detail, err) };
  }
  const detail = `${upstream} failed to answer`;
  return { kind: 'failed', failure: new AppError('bad_gateway', 502, detail, err) };
}

function answerFailure(res: Response | Socket, failure: AppError): void {
  if (!('writeHead' in res) || res.headersSent) {
    // The answer had already begun (or this is a raw socket): cut it so the client sees it fail.
    res.destroy();
    return;
  }
  sendProblem(res, failure);
}
