import {
  request as httpRequest,
  type Agent,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { Readable, Writable } from 'node:stream';

/** What to send upstream: a whole body (buffered) or the client's request stream. */
export interface UpstreamRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | Readable;
  readonly agent: Agent;
}

/** Methods that change nothing, so sending one twice is the same as sending it once (RFC 9110). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Headers of one hop only (RFC 9110 7.6.1): never forwarded in either direction. Transfer
 * encoding and length are Node's to set for the next hop.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** `headers` without the hop-by-hop ones, including those `Connection` names. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    (headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)),
  );
}

/**
 * Sends `upstream` and resolves with the answer's head. A keep-alive socket the upstream
 * closed while it sat idle in the pool fails the request with ECONNRESET before any answer
 * (the classic keep-alive race); such a request is sent once more on a fresh socket when it
 * is safe to: an idempotent method whose body the gateway still has.
 */
export function exchange(
  upstream: UpstreamRequest,
  onRequest: (req: ClientRequest) => void,
): Promise<IncomingMessage> {
  const retryable = IDEMPOTENT.has(upstream.method) && Buffer.isBuffer(upstream.body);
  return send(upstream, onRequest).catch((err: unknown) => {
    if (!(retryable && isStaleSocket(err))) throw err;
    return send(upstream, onRequest, { fresh: true });
  });
}

function send(
  upstream: UpstreamRequest,
  onRequest: (req: ClientRequest) => void,
  { fresh = false } = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(upstream.url, {
      method: upstream.method,
      headers: upstream.headers,
      // A retry must not take another pooled socket that may be just as stale.
      ...(fresh ? { agent: false } : { agent: upstream.agent }),
    });
    onRequest(req);
    req.once('response', resolve);
    req.once('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    if (Buffer.isBuffer(upstream.body)) req.end(upstream.body);
    else upstream.body.pipe(req);
  });
}

function isStaleSocket(err: unknown): boolean {
  const { code, reusedSocket } = err as { code?: string; reusedSocket?: boolean };
  return reusedSocket === true && (code === 'ECONNRESET' || code === 'EPIPE');
}

/**
 * `answer` piped into `res`, settling as `stream.pipeline` does (either side failing destroys
 * the other) without its per-call abort controller and end-of-stream watchers, which cost more
 * than the rest of a small answer's pass.
 */
export function passOn(answer: Readable, res: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      answer.destroy();
      res.destroy();
      reject(err);
    };
    answer.once('error', fail);
    res.once('error', fail);
    res.once('close', () => {
      if (!res.writableFinished) fail(new Error('the answer was cut before its end'));
    });
    res.once('finish', resolve);
    answer.pipe(res);
  });
}
