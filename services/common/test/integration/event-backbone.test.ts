import amqp from 'amqplib';
import {
  addToOutbox,
  createEvent,
  createPool,
  EventBackbone,
  type EventConsumer,
  KIT_MIGRATIONS_DIR,
  migrate,
  publishEvents,
  UnroutableError,
  withTransaction,
  type Pool,
} from '../../src';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  peekDeadLetters,
  TEST_AMQP_URL,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
} from '../support';

let pool: Pool;
let dropDb: () => Promise<void>;
let exchange: string;
let backbone: EventBackbone;

beforeEach(async () => {
  const db = await createTestDatabase('kit');
  dropDb = db.drop;
  pool = createPool(db.url, 4);
  await migrate(pool, [KIT_MIGRATIONS_DIR]);
  await pool.query('CREATE TABLE effects (event_id uuid, note text)');
  exchange = uniqueExchange();
  backbone = testEventBackbone({
    exchange,
    pool,
    log: testLogger(),
    maxAttempts: 3,
    retryDelayMs: 100,
  });
});

afterEach(async () => {
  await backbone.stop();
  await pool.end();
  await dropDb();
  await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.sink`] });
});

const userRegistered = (note = 'ada') =>
  createEvent(
    'user.registered',
    { userId: note, name: note, email: `${note}@example.com`, role: 'customer' },
    { source: 'test', correlationId: note },
  );

/** Applies each user.registered once: a row in `effects`, in the consumer's transaction. */
function recordEffects(consumer: EventConsumer): EventConsumer {
  return consumer.subscribeOnce('user.registered', async (event, tx) => {
    await tx.query('INSERT INTO effects VALUES ($1, $2)', [event.id, event.data.name]);
  });
}

async function effects(): Promise<string[]> {
  const { rows } = await pool.query<{ note: string }>('SELECT note FROM effects ORDER BY note');
  return rows.map((r) => r.note);
}

describe('the transactional outbox', () => {
  test('events of a committed transaction are published and removed; a rolled-back one publishes nothing', async () => {
    recordEffects(backbone.consumer('sink', { pool }));
    await backbone.start();

    await withTransaction(pool, (tx) => addToOutbox(tx, [userRegistered('committed')]));
    await expect(
      withTransaction(pool, async (tx) => {
        await addToOutbox(tx, [userRegistered('rolled-back')]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    backbone.relay.kick();

    await waitFor(async () => (await effects()).length === 1, { what: 'the committed event' });
    await waitFor(async () => (await pool.query('SELECT 1 FROM outbox')).rowCount === 0, {
      what: 'outbox drained',
    });
    expect(await effects()).toEqual(['committed']);
  });

  test('an event no queue is bound for stays in the outbox with a backoff instead of being dropped', async () => {
    await backbone.start();
    await withTransaction(pool, (tx) => addToOutbox(tx, [userRegistered('nobody-listens')]));
    backbone.relay.kick();

    const row = await waitFor(
      async () => {
        const { rows } = await pool.query('SELECT attempts, last_error FROM outbox');
        return rows[0]?.attempts > 0 && rows[0];
      },
      { what: 'the relay to try once' },
    );
    expect(row).toEqual({ attempts: 1, last_error: 'unroutable' });
  });
});

describe('publishing', () => {
  test('an unroutable publish is an error, not a silent drop', async () => {
    await backbone.start();
    await expect(publishEvents(backbone.broker, [userRegistered()])).rejects.toBeInstanceOf(
      UnroutableError,
    );
  });

  test('an event that breaks its contract is refused before it leaves', async () => {
    await backbone.start();
    const bad = { ...userRegistered(), data: { userId: 'x', email: 'not-an-email' } };
    await expect(publishEvents(backbone.broker, [bad as never])).rejects.toThrow(
      /bad user.registered data/,
    );
  });
});

describe('consuming', () => {
  test('the same event delivered twice has its effect once', async () => {
    recordEffects(backbone.consumer('sink', { pool }));
    await backbone.start();
    const event = userRegistered('twice');
    await publishEvents(backbone.broker, [event, event]);
    await publishEvents(backbone.broker, [userRegistered('marker')]);

    await waitFor(async () => (await effects()).includes('marker'), { what: 'later event' });
    await waitFor(async () => (await pool.query('SELECT 1 FROM processed_events')).rowCount === 2);
    expect(await effects()).toEqual(['marker', 'twice']);
  });

  test('a handler that always throws lands its message in the DLQ after the bounded attempts, backing off', async () => {
    const attemptedAt: number[] = [];
    const sink = backbone.consumer('sink');
    sink.subscribe('user.registered', async () => {
      attemptedAt.push(Date.now());
      throw new Error('downstream exploded');
    });
    await backbone.start();
    const event = userRegistered('doomed');
    await publishEvents(backbone.broker, [event]);

    const [letter] = await waitFor(
      async () => {
        const letters = await peekDeadLetters(`${exchange}.sink`);
        return letters.length === 1 && letters;
      },
      { what: 'the message in the DLQ' },
    );
    expect(attemptedAt).toHaveLength(3);
    // The retry copy's TTL is a lower bound: 100 ms, then 200 ms (a ms of clock slack).
    const waits = attemptedAt.slice(1).map((at, i) => at - attemptedAt[i]!);
    expect(waits[0]).toBeGreaterThanOrEqual(99);
    expect(waits[1]).toBeGreaterThanOrEqual(199);
    expect(letter).toMatchObject({ messageId: event.id, type: 'user.registered', attempts: 3 });
    expect(letter!.lastError).toContain('downstream exploded');
  });

  test('a message that breaks its contract goes to the DLQ at once, without retries', async () => {
    let calls = 0;
    const sink = backbone.consumer('sink');
    sink.subscribe('user.registered', async () => {
      calls++;
    });
    await backbone.start();
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createConfirmChannel();
    const bad = { ...userRegistered(), data: { userId: 1 } };
    channel.publish(exchange, 'user.registered', Buffer.from(JSON.stringify(bad)), {
      messageId: bad.id,
    });
    await channel.waitForConfirms();
    await connection.close();

    const letters = await waitFor(
      async () => {
        const found = await peekDeadLetters(`${exchange}.sink`);
        return found.length === 1 && found;
      },
      { what: 'poison message in the DLQ' },
    );
    expect(letters[0]!.attempts).toBe(1);
    expect(calls).toBe(0);
  });

  test('a queue keeps only the bindings of its current subscriptions', async () => {
    const before = backbone.consumer('sink');
    before.subscribe('user.registered', async () => undefined);
    await backbone.start();
    await backbone.stop();

    backbone = testEventBackbone({ exchange, pool, log: testLogger() });
    backbone.consumer('sink').subscribe('product.created', async () => undefined);
    await backbone.start();

    await expect(publishEvents(backbone.broker, [userRegistered('stale')])).rejects.toBeInstanceOf(
      UnroutableError,
    );
  });
});
