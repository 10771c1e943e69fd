import type { Logger } from '@shop/common';
import pg from 'pg';
import type { Product } from '../domain/product';

/** The channel the read model's triggers announce changed product ids on (migration 003). */
export const PRODUCT_VIEW_CHANNEL = 'product_view_changed';
const RECONNECT_MS = 1000;
const MAX_ENTRIES = 10_000;

/**
 * Product reads by id kept in memory as their JSON, correct across replicas: PostgreSQL
 * announces every committed change of product_view or its stock (a trigger's NOTIFY) and each
 * process drops what changed. Only while this process is listening is anything cached: a lost
 * listening connection empties the cache and reads go to the database until it is back. A read
 * that raced a change (started before its notification) is answered but not kept.
 */
export class ProductCache {
  private readonly entries = new Map<string, string>();
  /** When each id last changed, and when everything last did, in notification order. */
  private readonly changedAt = new Map<string, number>();
  private clearedAt = 0;
  private seq = 0;
  private isListening = false;

  /** The product's JSON from memory, else from `read` (kept if nothing changed meanwhile). */
  async json(id: string, read: () => Promise<Product | undefined>): Promise<string | undefined> {
    const hit = this.entries.get(id);
    if (hit !== undefined) return hit;
    const started = this.seq;
    const wasListening = this.isListening;
    const product = await read();
    if (!product) return undefined;
    const json = JSON.stringify(product);
    const unchanged = (this.changedAt.get(id) ?? 0) <= started && this.clearedAt <= started;
    if (wasListening && this.isListening && unchanged) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(id, json);
    }
    return json;
  }

  /** A notification's payload: one product id, or `*` for everything (a rebuild). */
  changed(payload: string): void {
    this.seq++;
    if (payload === '*') this.clear();
    else {
      this.changedAt.set(payload, this.seq);
      this.entries.delete(payload);
    }
  }

  /** Whether changes are being heard; false empties the cache. */
  setListening(listening: boolean): void {
    this.seq++;
    this.clear();
    this.isListening = listening;
  }

  get size(): number {
    return this.entries.size;
  }

  get listening(): boolean {
    return this.isListening;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  private clear(): void {
    this.clearedAt = this.seq;
    this.entries.clear();
  }
}

/**
 * Keeps a connection of its own LISTENing on the channel for `cache`, reconnecting after a
 * loss. Returns the function that stops it.
 */
export function listenForChanges(databaseUrl: string, cache: ProductCache, log: Logger) {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    client = next;
    const lost = (err?: Error) => {
      if (client !== next) return;
      client = undefined;
      cache.setListening(false);
      void next.end().catch(() => undefined);
      if (stopped) return;
      log.warn({ err }, 'product change feed lost; reads go to the database until it is back');
      timer = setTimeout(() => void connect(), RECONNECT_MS);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on(
      'notification',
      (n) => n.channel === PRODUCT_VIEW_CHANNEL && cache.changed(n.payload ?? '*'),
    );
    try {
      await next.connect();
      await next.query(`LISTEN ${PRODUCT_VIEW_CHANNEL}`);
      if (client === next) cache.setListening(true);
    } catch (err) {
      lost(err as Error);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const current = client;
    client = undefined;
    cache.setListening(false);
    await current?.end().catch(() => undefined);
  };
}
