import {
  addToOutbox,
  createEvent,
  createPool,
  EventBackbone,
  KIT_MIGRATIONS_DIR,
  migrate,
  withTransaction,
  type Pool,
} from '../../src';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  maxIdleInTransaction,
  TcpProxy,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
} from '../support';

let pool: Pool;
let dropDb: () => Promise<void>;
let exchange: string;
let brokerLink: TcpProxy;
let backbone: EventBackbone;

beforeEach(async () => {
  const db = await createTestDatabase('relay');
  dropDb = db.drop;
  pool = createPool(db.url, 4);
  await migrate(pool, [KIT_MIGRATIONS_DIR]);
  await pool.query('CREATE TABLE effects (event_id uuid, note text)');
  exchange = uniqueExchange();
  brokerLink = new TcpProxy('127.0.0.1', 5672);
  const port = await brokerLink.start();
  backbone = testEventBackbone({
    amqpUrl: `amqp://guest:guest@127.0.0.1:${port}`,
    exchange,
    pool,
    log: testLogger(),
  });
  backbone.consumer('sink', { pool }).subscribeOnce('user.registered', async (event, tx) => {
    await tx.query('INSERT INTO effects VALUES ($1, $2)', [event.id, event.data.name]);
  });
  await backbone.start();
});

afterEach(async () => {
  brokerLink.resume();
  await backbone.stop();
  await brokerLink.stop();
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

async function effects(): Promise<string[]> {
  const { rows } = await pool.query<{ note: string }>('SELECT note FROM effects ORDER BY note');
  return rows.map((r) => r.note);
}

async function outboxNotes(): Promise<string[]> {
  const { rows } = await pool.query<{ note: string }>(
    `SELECT envelope->'data'->>'name' AS note FROM outbox ORDER BY seq`,
  );
  return rows.map((r) => r.note);
}

describe('the outbox relay', () => {
  test('while the broker holds back its confirms, no transaction stays open and nothing is lost', async () => {
    brokerLink.stall();
    await withTransaction(pool, (tx) => addToOutbox(tx, [registered('held')]));
    backbone.relay.kick();

    expect(await maxIdleInTransaction(pool, 1000)).toBe(0);
    expect(await outboxNotes()).toEqual(['held']);

    brokerLink.resume();
    await waitFor(async () => (await effects()).length === 1, { what: 'the held event' });
    await waitFor(async () => (await outboxNotes()).length === 0, { what: 'outbox drained' });
    expect(await effects()).toEqual(['held']);
  });

  test('rows another round has leased are left to it until the lease runs out, then published', async () => {
    await withTransaction(pool, (tx) => addToOutbox(tx, [registered('leased')]));
    await pool.query(`UPDATE outbox SET leased_until = now() + interval '1 hour'`);
    await withTransaction(pool, (tx) => addToOutbox(tx, [registered('free')]));
    backbone.relay.kick();

    await waitFor(async () => (await effects()).includes('free'), { what: 'the free event' });
    expect(await outboxNotes()).toEqual(['leased']);

    await pool.query(`UPDATE outbox SET leased_until = now() - interval '1 second'`);
    backbone.relay.kick();
    await waitFor(async () => (await outboxNotes()).length === 0, { what: 'outbox drained' });
    await waitFor(async () => (await effects()).length === 2, { what: 'the leased event' });
    expect(await effects()).toEqual(['free', 'leased']);
  });
});
