import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Kubernetes object as the fake API serves it. */
export interface FakeObject {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly [k: string]: unknown;
  };
  readonly [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * A local HTTP server speaking the Kubernetes API's list and watch JSON for any collection path:
 * `GET <path>` answers a List with a resourceVersion; `GET <path>?watch=true` streams one JSON
 * watch event per line until closed. Tests change the collections and emit events.
 */
export class FakeKubeApi {
  /** Every request as `METHOD path?query`. */
  readonly requests: string[] = [];
  private readonly collections = new Map<string, FakeObject[]>();
  private readonly watchers = new Map<string, Set<ServerResponse>>();
  private resourceVersion = 1;
  private readonly server = createServer((req, res) => {
    this.requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.searchParams.get('watch') === 'true') return this.watch(url.pathname, res);
    const items = this.collections.get(url.pathname);
    if (!items)
      return this.answer(res, 404, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      });
    this.answer(res, 200, {
      kind: 'List',
      apiVersion: 'v1',
      metadata: { resourceVersion: String(this.resourceVersion) },
      items,
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Sets what a list of `path` returns (no watch event). */
  set(path: string, items: FakeObject[]): void {
    this.collections.set(path, items);
  }

  /** Applies a change to `path` and streams it to its watchers. */
  emit(path: string, type: WatchEventType, object: FakeObject): void {
    const others = (this.collections.get(path) ?? []).filter(
      (o) => o.metadata.name !== object.metadata.name,
    );
    this.collections.set(path, type === 'DELETED' ? others : [...others, object]);
    this.resourceVersion += 1;
    const event = {
      type,
      object: {
        ...object,
        metadata: { ...object.metadata, resourceVersion: String(this.resourceVersion) },
      },
    };
    for (const watcher of this.watchers.get(path) ?? [])
      watcher.write(`${JSON.stringify(event)}\n`);
  }

  /** Ends every open watch, as an API server does on timeouts or restarts. */
  closeWatches(): void {
    for (const set of this.watchers.values()) for (const watcher of set) watcher.end();
    this.watchers.clear();
  }

  /** Tells every watcher its resourceVersion is too old (410 Gone), so clients list again. */
  expireWatches(): void {
    const gone = {
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 },
    };
    for (const set of this.watchers.values())
      for (const watcher of set) watcher.end(`${JSON.stringify(gone)}\n`);
    this.watchers.clear();
  }

  watchCount(path: string): number {
    return this.watchers.get(path)?.size ?? 0;
  }

  async stop(): Promise<void> {
    this.closeWatches();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private watch(path: string, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    const set = this.watchers.get(path) ?? new Set();
    set.add(res);
    this.watchers.set(path, set);
    res.on('close', () => set.delete(res));
  }

  private answer(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** An EndpointSlice of `service` with one endpoint per address (`[ip, ready]`). */
export function endpointSlice(
  service: string,
  name: string,
  port: number,
  endpoints: Array<[string, boolean]>,
): FakeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'shop', labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints: endpoints.map(([ip, ready]) => ({ addresses: [ip], conditions: { ready } })),
    ports: [{ name: 'http', port, protocol: 'TCP' }],
  };
}
