import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `handler` (an Express app, a stub) on a free loopback port; `close` also drops
 * keep-alive connections.
 */
export async function listenOnFreePort(
  handler: RequestListener,
): Promise<TestServer & { readonly server: Server }> {
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

export interface JsonResponse {
  readonly status: number;
  /** The content-type ('' when none). */
  readonly type: string;
  readonly headers: Headers;
  /** The parsed JSON answer; undefined when empty. */
  readonly body: any;
}

/** Calls `base + path`, sending `body` as JSON (a string as it is), and parses the answer. */
export async function fetchJson(
  base: string,
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse> {
  const res = await fetch(base + path, {
    method,
    headers,
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** A GET of `base + path` through fetchJson. */
export function getJson(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return fetchJson(base, 'GET', path, { headers });
}
