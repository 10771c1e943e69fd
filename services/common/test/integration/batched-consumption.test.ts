import {
  createEvent,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  publishEvents,
  type EventBackbone,
  type EventEnvelope,
  type Pool,
} from '../../src';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  peekDeadLetters,
  recordDeliveries,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
  type DeliveryRecorder,
} from '../support';

// subscribeOnce: what arrives while a batch is being applied is the next batch, applied in one
// transaction. Each test holds the first event's work on a gate, publishes more, waits until
// they are all delivered, then opens the gate: the rest is one batch.

let pool: Pool;
let dropDb: () => Promise<void>;
let exchange: string;
let backbone: EventBackbone;
let deliveries: DeliveryRecorder;
let openGate: () => void;
let gate: Promise<void>;

beforeEach(async () => {
  const db = await createTestDatabase('batch');
  dropDb = db.drop;
  pool = createPool(db.url, 4);
  await migrate(pool, [KIT_MIGRATIONS_DIR]);
  await pool.query('CREATE TABLE effects (note text, txid bigint, attempt int)');
  exchange = uniqueExchange();
  backbone = testEventBackbone({ exchange, pool, log: testLogger(), maxAttempts: 3 });
  deliveries = recordDeliveries();
  gate = new Promise((resolve) => (openGate = resolve));
});

afterEach(async () => {
  openGate();
  deliveries.stop();
  await backbone.stop();
  await pool.end();
  await dropDb();
  await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.sink`] });
});

const registered = (note: string) =>
  createEvent(
    'user.registered',
    { userId: note, name: note, email: `${note}@example.com`, role: 'customer' },
    { source: 'test', correlationId: note },
  );

/**
 * The sink: each user.registered is a row with its transaction id and attempt. `gated` waits
 * for the gate; a name starting with `flaky` fails its first attempt. `after` is told results.
 */
function subscribeSink(after: Array<[string, string | undefined]> = []): void {
  backbone.consumer('sink', { pool }).subscribeOnce(
    'user.registered',
    async (event, tx, attempt) => {
      if (event.data.name === 'gated') await gate;
      if (event.data.name.startsWith('flaky') && attempt.number === 1) throw new Error('flaky');
      await tx.query('INSERT INTO effects VALUES ($1, txid_current(), $2)', [
        event.data.name,
        attempt.number,
      ]);
      return event.data.name;
    },
    (result, event) => after.push([event.data.name, result]),
  );
}

/** Publishes `gated`, then `events` once `gated` is being applied; opens the gate once all are delivered. */
async function behindTheGate(events: readonly EventEnvelope[]): Promise<void> {
  const first = registered('gated');
  await publishEvents(backbone.broker, [first]);
  await waitFor(() => deliveries.of(first.id).delivered === 1, { what: 'gated delivered' });
  await publishEvents(backbone.broker, events);
  await waitFor(() => events.every((e) => deliveries.of(e.id).delivered > 0), {
    what: 'every event delivered while the gate is shut',
  });
  openGate();
}

async function effects(): Promise<Array<{ note: string; txid: string; attempt: number }>> {
  const { rows } = await pool.query('SELECT note, txid, attempt FROM effects ORDER BY note');
  return rows;
}

async function waitForEffects(n: number) {
  return waitFor(async () => (await effects()).length === n && effects(), { what: `${n} effects` });
}

test('what arrived while a batch ran is applied in one transaction, in arrival order', async () => {
  subscribeSink();
  await backbone.start();
  const batch = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'].map(registered);
  await behindTheGate(batch);

  const rows = await waitForEffects(9);
  const txids = new Set(rows.filter((r) => r.note !== 'gated').map((r) => r.txid));
  expect(txids.size).toBe(1);
  expect(rows.find((r) => r.note === 'gated')!.txid).not.toBe([...txids][0]);
  const { rows: order } = await pool.query<{ note: string }>(
    `SELECT note FROM effects WHERE note <> 'gated' ORDER BY ctid`,
  );
  expect(order.map((r) => r.note)).toEqual(batch.map((e) => e.data.name));
  const processed = await pool.query(`SELECT 1 FROM processed_events WHERE consumer = 'sink'`);
  expect(processed.rowCount).toBe(9);
});

test('a batch one event fails is applied again one by one: only that event is retried', async () => {
  subscribeSink();
  await backbone.start();
  await behindTheGate(['ok1', 'ok2', 'flaky', 'ok3', 'ok4'].map(registered));

  const rows = await waitForEffects(6);
  expect(rows.map((r) => [r.note, r.attempt])).toEqual([
    ['flaky', 2],
    ['gated', 1],
    ['ok1', 1],
    ['ok2', 1],
    ['ok3', 1],
    ['ok4', 1],
  ]);
  const alone = new Set(rows.filter((r) => r.note.startsWith('ok')).map((r) => r.txid));
  expect(alone.size).toBe(4);
  expect(await peekDeadLetters(`${exchange}.sink`)).toEqual([]);
});

test('a second copy of an event in the same batch changes nothing; after-commit is told so', async () => {
  const after: Array<[string, string | undefined]> = [];
  subscribeSink(after);
  await backbone.start();
  const twice = registered('twice');
  await behindTheGate([twice, twice, registered('marker')]);

  await waitFor(() => after.length === 4, { what: 'every delivery committed' });
  expect((await effects()).map((r) => r.note)).toEqual(['gated', 'marker', 'twice']);
  expect(after).toEqual([
    ['gated', 'gated'],
    ['twice', 'twice'],
    ['twice', undefined],
    ['marker', 'marker'],
  ]);
  expect(deliveries.of(twice.id)).toEqual({ delivered: 2, settled: 2 });
});

test('stop waits for the batch being applied, which commits and is acknowledged', async () => {
  subscribeSink();
  await backbone.start();
  const first = registered('gated');
  await publishEvents(backbone.broker, [first]);
  await waitFor(() => deliveries.of(first.id).delivered === 1, { what: 'gated delivered' });

  const stopped = backbone.stop();
  openGate();
  await stopped;
  expect((await effects()).map((r) => r.note)).toEqual(['gated']);
  expect(deliveries.of(first.id)).toEqual({ delivered: 1, settled: 1 });
});
