import {
  createEvent,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  publishEvents,
  type EventBackbone,
  type Pool,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  TEST_AMQP_URL,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
} from '@shop/common/testing';
import { listDeadLetters, replayDeadLetters } from '../../src/broker/dead-letters';

/** `make dlq-list` / `dlq-replay` against the kit's own consumer, retry queue and DLQ. */
describe('dead letters of a kit consumer', () => {
  let pool: Pool;
  let dropDb: () => Promise<void>;
  let exchange: string;
  let backbone: EventBackbone;

  beforeEach(async () => {
    const db = await createTestDatabase('dlq_replay');
    dropDb = db.drop;
    pool = createPool(db.url, 2);
    await migrate(pool, [KIT_MIGRATIONS_DIR]);
    exchange = uniqueExchange();
    backbone = testEventBackbone({
      exchange,
      pool,
      log: testLogger(),
      maxAttempts: 3,
      retryDelayMs: 20,
    });
  });

  afterEach(async () => {
    await backbone.stop();
    await pool.end();
    await dropDb();
    await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.sink`] });
  });

  test('a message its handler always failed is listed with its attempts and error, and once replayed it is handled', async () => {
    let healthy = false;
    const handled: string[] = [];
    backbone.consumer('sink').subscribe('user.registered', async (event) => {
      if (!healthy) throw new Error('downstream exploded');
      handled.push(event.id);
    });
    await backbone.start();
    const event = createEvent(
      'user.registered',
      { userId: 'doomed', name: 'doomed', email: 'doomed@example.com', role: 'customer' },
      { source: 'test', correlationId: 'doomed' },
    );
    await publishEvents(backbone.broker, [event]);

    const [letter] = await waitFor(
      async () => {
        const letters = await listDeadLetters(TEST_AMQP_URL, `${exchange}.sink`);
        return letters.length === 1 && letters;
      },
      { what: 'the message in the DLQ' },
    );
    expect(letter).toMatchObject({ messageId: event.id, type: 'user.registered', attempts: 3 });
    expect(letter!.lastError).toContain('downstream exploded');

    healthy = true;
    expect(await replayDeadLetters(TEST_AMQP_URL, `${exchange}.sink`)).toBe(1);
    await waitFor(() => handled.includes(event.id), { what: 'the replayed message handled' });
    expect(await listDeadLetters(TEST_AMQP_URL, `${exchange}.sink`)).toEqual([]);
  });
});
