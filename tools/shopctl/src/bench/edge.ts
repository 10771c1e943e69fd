import { startRawProxy, startRawServer } from './child';
import { httpLoad, type HttpLoadResult } from './http-load';

export interface EdgeResult {
  readonly raw: HttpLoadResult;
  readonly direct: HttpLoadResult;
  /** Through a bare node:http proxy: the ceiling for any node:http gateway on this box. */
  readonly rawProxy: HttpLoadResult;
  readonly gateway: HttpLoadResult;
}

/**
 * The same product read by id four ways, each for `durationMs`: a raw node:http handler serving
 * the product service's exact bytes, the product service directly, through a bare node:http
 * proxy, and through the gateway.
 */
export async function runEdge(options: {
  productUrl: string;
  gatewayUrl: string;
  productId: string;
  connections: number;
  durationMs: number;
}): Promise<EdgeResult> {
  const path = `/api/products/${options.productId}`;
  const res = await fetch(options.productUrl + path);
  const raw = await startRawServer(
    await res.text(),
    res.headers.get('content-type') ?? 'application/json',
  );
  const proxy = await startRawProxy(options.productUrl).catch(async (err: unknown) => {
    await raw.stop();
    throw err;
  });
  const load = (url: string) =>
    httpLoad({ url, connections: options.connections, durationMs: options.durationMs });
  try {
    return {
      raw: await load(raw.url + path),
      direct: await load(options.productUrl + path),
      rawProxy: await load(proxy.url + path),
      gateway: await load(options.gatewayUrl + path),
    };
  } finally {
    await Promise.all([raw.stop(), proxy.stop()]);
  }
}
