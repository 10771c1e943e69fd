import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where the Kubernetes API server is and how the gateway authenticates to it. */
export interface ClusterAccess {
  /** e.g. `https://10.96.0.1:443`; plain `http:` only for a local API (tests). */
  readonly server: string;
  /** A bearer token file, read again for every request (the kubelet rotates bound tokens). */
  readonly tokenFile?: string;
  /** PEM file of the CA that signed the API server's certificate. */
  readonly caFile?: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A pod's own access: the `kubernetes` Service address and its mounted ServiceAccount. */
export function inClusterAccess(host: string, port: number): ClusterAccess {
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    tokenFile: `${SERVICE_ACCOUNT}/token`,
    caFile: `${SERVICE_ACCOUNT}/ca.crt`,
  };
}

export interface KubeObject {
  readonly metadata?: { readonly name?: string; readonly resourceVersion?: string };
}

export interface KubeList<T> {
  readonly metadata: { readonly resourceVersion?: string };
  readonly items: T[];
}

/** One line of a watch stream; `ERROR` carries a Status (410: the version expired). */
export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: T & { readonly code?: number; readonly message?: string };
}

/** A GET of the API answered with a status other than 200. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Query = Readonly<Record<string, string | undefined>>;

async function get(
  access: ClusterAccess,
  path: string,
  query: Query,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const url = new URL(path, access.server);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  const [token, ca] = await Promise.all([
    access.tokenFile ? readFile(access.tokenFile, 'utf8') : undefined,
    access.caFile ? readFile(access.caFile) : undefined,
  ]);
  const headers = {
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token.trim()}` } : {}),
  };
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    send(url, { headers, signal, ...(ca ? { ca } : {}) }, resolve)
      .on('error', reject)
      .end();
  });
  if (res.statusCode === 200) return res;
  const body = await readBody(res);
  const message = (JSON.parse(body || '{}') as { message?: string }).message ?? body;
  throw new KubeApiError(`GET ${url.pathname}: ${res.statusCode} ${message}`, res.statusCode ?? 0);
}

async function readBody(res: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of res.setEncoding('utf8')) body += chunk;
  return body;
}

/** Lists a collection (`GET path`), e.g. `/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices`. */
export async function listObjects<T extends KubeObject>(
  access: ClusterAccess,
  path: string,
  query: Query,
  signal: AbortSignal,
): Promise<KubeList<T>> {
  return JSON.parse(await readBody(await get(access, path, query, signal))) as KubeList<T>;
}

/**
 * Watches a collection (`GET path?watch=true`) from `query.resourceVersion`: yields each event
 * until the API server ends the watch (it does, after a timeout), or the caller stops iterating.
 */
export async function* watchObjects<T extends KubeObject>(
  access: ClusterAccess,
  path: string,
  query: Query,
  signal: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const res = await get(access, path, { ...query, watch: 'true' }, signal);
  let buffered = '';
  try {
    for await (const chunk of res.setEncoding('utf8')) {
      buffered += chunk as string;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end).trim();
        buffered = buffered.slice(end + 1);
        if (line) yield JSON.parse(line) as WatchEvent<T>;
      }
    }
  } finally {
    res.destroy();
  }
}
