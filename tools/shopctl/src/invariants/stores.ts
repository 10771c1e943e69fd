import pg from 'pg';
import { checkSnapshot } from './check';
import { readInventory } from './inventory-store';
import type { InvariantReport, ShopSnapshot } from './model';
import { readOrderEmails } from './notification-store';
import { readOrders } from './order-store';
import { readPayments } from './payment-store';

/** Where a stack keeps its stores: `<postgresUrl>/<databasePrefix><service>`. */
export interface StoreLocation {
  readonly postgresUrl: string;
  readonly databasePrefix: string;
}

/** Reads the order, payment and inventory stores, each service's own database. */
export async function readSnapshot(location: StoreLocation): Promise<ShopSnapshot> {
  const [orders, payments, inventory, notifications] = await Promise.all([
    withDatabase(location, 'order', readOrders),
    withDatabase(location, 'payment', readPayments),
    withDatabase(location, 'inventory', readInventory),
    withDatabase(location, 'notification', readOrderEmails).catch(absentDatabase),
  ]);
  return { orders, payments, ...inventory, ...(notifications ? { notifications } : {}) };
}

/**
 * Checks every invariant; with `waitMs`, reads again until they all hold or the time is up
 * (sagas in flight settle), and returns the last report.
 */
export async function checkShopInvariants(
  location: StoreLocation & { readonly waitMs?: number },
): Promise<InvariantReport> {
  const deadline = Date.now() + (location.waitMs ?? 0);
  for (;;) {
    const report = checkSnapshot(await readSnapshot(location));
    if (report.ok || Date.now() >= deadline) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A stack without the notification service has no such database: nothing to check there. */
function absentDatabase(err: unknown): undefined {
  if ((err as { code?: string }).code === '3D000') return undefined;
  throw err;
}

async function withDatabase<T>(
  location: StoreLocation,
  service: string,
  read: (db: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    connectionString: `${location.postgresUrl}/${location.databasePrefix}${service}`,
  });
  await client.connect();
  try {
    return await read(client);
  } finally {
    await client.end();
  }
}
