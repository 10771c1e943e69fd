import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import { AppError, currentContext, sendProblem, type Logger } from '@shop/common';
import type { ServiceName } from '@shop/topology';
import type { Request, RequestHandler, Response } from 'express';
import type { Counter } from 'prom-client';
import {
  isEventStream,
  StreamClosedError,
  StreamLimitError,
  type OpenStreams,
} from './event-streams';
import { endToEndHeaders, exchange, passOn, type UpstreamRequest } from './exchange';
import type { UpstreamResolver } from './resolver';

export interface UpstreamProxyOptions {
  readonly resolver: UpstreamResolver;
  /** Keep-alive connection pool shared by every upstream. */
  readonly agent: Agent;
  /**
   * Deadline for the whole exchange, from the request sent to the last byte of the answer;
   * an event stream's answer is held to the limits of `streams` instead, once it has begun.
   */
  readonly timeoutMs: number;
  readonly streams: OpenStreams;
  readonly log: Logger;
  readonly errors: Counter<'upstream' | 'kind'>;
}

/** Why an upstream call failed, as counted in `gateway_upstream_errors_total{kind}`. */
export type UpstreamErrorKind = 'timeout' | 'unreachable' | 'failed';

class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}

/** The client closed its connection before its answer was complete. */
class ClientGoneError extends Error {}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Forwards the request to `upstream` unchanged (method, path, query, body), adding the request
 * id and trace headers and naming the upstream in Host (the mesh routes by it). Failures become
 * 502/504 problems, or a cut connection once the answer has begun: never a hang.
 */
export function upstreamProxy(
  upstream: ServiceName,
  options: UpstreamProxyOptions,
): RequestHandler {
  return (req, res, next) => {
    let url: URL;
    try {
      url = new URL(req.originalUrl, options.resolver.resolve(upstream));
    } catch (err) {
      return next(err);
    }
    const fail = (err: Error) => {
      if (err instanceof ClientGoneError || err instanceof StreamClosedError) return;
      const { kind, failure } = classify(err, upstream);
      options.errors.inc({ upstream, kind });
      options.log.warn({ err, upstream, kind, url: req.originalUrl }, 'upstream request failed');
      answerFailure(res, failure);
    };
    forward(upstreamRequest(req, url, options.agent), res, options).catch(fail);
  };
}

function upstreamRequest(req: Request, url: URL, agent: Agent): UpstreamRequest {
  const headers = { ...endToEndHeaders(req.headers), ...currentContext()?.propagation };
  headers.host = url.host;
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0;
  let body: Buffer | Request = req;
  if (Buffer.isBuffer(req.body)) {
    // A chunked body the body limit had to buffer (and decode) to count: send it whole.
    body = req.body;
    delete headers['content-encoding'];
  } else if (!hasBody) {
    body = Buffer.alloc(0);
  }
  if (Buffer.isBuffer(body) && hasBody) headers['content-length'] = body.length;
  return { url, method: req.method, headers, body, agent };
}

/**
 * One exchange under one deadline: `timeoutMs` after it starts, the upstream request is
 * destroyed whatever state it is in (waiting for the answer, or trickling it). An event
 * stream leaves the deadline once its head has come: each chunk is passed on as it arrives,
 * under the stream limits. Settles when the answer has been passed on whole, or with why not.
 */
async function forward(
  upstream: UpstreamRequest,
  res: Response,
  { timeoutMs, streams }: Pick<UpstreamProxyOptions, 'timeoutMs' | 'streams'>,
) {
  let current: ClientRequest | undefined;
  let answer: IncomingMessage | undefined;
  let timeout: UpstreamTimeoutError | undefined;
  const deadline = setTimeout(() => {
    // With this error (no code), the request is not retried.
    timeout = new UpstreamTimeoutError(`no whole answer within ${timeoutMs} ms`);
    current?.destroy(timeout);
    answer?.destroy(timeout);
  }, timeoutMs);
  const failure = (err: unknown) => timeout ?? err;
  res.once('close', () => {
    if (!res.writableFinished) current?.destroy(new ClientGoneError('the client went away'));
  });
  try {
    answer = await exchange(upstream, (req) => (current = req)).catch((err: unknown) => {
      throw failure(err);
    });
    let broken = false;
    answer.once('error', () => (broken = true));
    res.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
    const passing = passOn(answer, res);
    if (isEventStream(answer)) {
      clearTimeout(deadline);
      res.flushHeaders();
      streams.hold(answer);
    }
    await passing.catch((err: unknown) => {
      throw timeout || broken ? failure(err) : new ClientGoneError('the client went away');
    });
  } finally {
    clearTimeout(deadline);
  }
}

function classify(
  err: Error & { code?: string },
  upstream: ServiceName,
): { kind: UpstreamErrorKind; failure: AppError } {
  if (err instanceof UpstreamTimeoutError || err instanceof StreamLimitError) {
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

function answerFailure(res: Response, failure: AppError): void {
  if (res.headersSent || res.destroyed) {
    // The answer had already begun: cut it so the client sees it fail.
    res.destroy();
    return;
  }
  sendProblem(res, failure);
}
