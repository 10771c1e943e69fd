import { randomUUID } from 'node:crypto';
import amqp, { type ConfirmChannel, type ChannelModel } from 'amqplib';
import { TEST_AMQP_URL, waitFor } from '@shop/common/testing';
import { listDeadLetters, replayDeadLetters } from '../../src/broker/dead-letters';

/** `make dlq-list` / `dlq-replay` on a queue and DLQ of the test's own, with no consumer. */
describe('dead letters', () => {
  let connection: ChannelModel;
  let channel: ConfirmChannel;
  let queue: string;

  const depth = async (name: string) => (await channel.checkQueue(name)).messageCount;

  beforeEach(async () => {
    connection = await amqp.connect(TEST_AMQP_URL);
    channel = await connection.createConfirmChannel();
    queue = `dead-letters-test.${randomUUID()}`;
    // Like a consumer queue: what its consumer rejects goes to <queue>.dlq.
    await channel.assertQueue(queue, {
      deadLetterExchange: '',
      deadLetterRoutingKey: `${queue}.dlq`,
    });
    await channel.assertQueue(`${queue}.dlq`);
    for (const id of ['m1', 'm2', 'm3']) {
      channel.sendToQueue(`${queue}.dlq`, Buffer.from(id), {
        messageId: id,
        type: 'user.registered',
      });
    }
    await channel.waitForConfirms();
  });

  afterEach(async () => {
    await channel.deleteQueue(queue);
    await channel.deleteQueue(`${queue}.dlq`);
    await connection.close();
  });

  test('listing leaves every letter in the DLQ', async () => {
    const letters = await listDeadLetters(TEST_AMQP_URL, queue);
    expect(letters.map((l) => l.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(await depth(`${queue}.dlq`)).toBe(3);
  });

  test('a replay moves each letter once: none stays behind in the DLQ', async () => {
    expect(await replayDeadLetters(TEST_AMQP_URL, queue)).toBe(3);
    expect(await depth(`${queue}.dlq`)).toBe(0);
    expect(await depth(queue)).toBe(3);
  });

  test('a letter that fails again is moved once per replay, not again and again', async () => {
    // A consumer that rejects everything, as for a poison message.
    await channel.consume(queue, (msg) => msg && channel.nack(msg, false, false));
    expect(await replayDeadLetters(TEST_AMQP_URL, queue)).toBe(3);
    await waitFor(async () => (await depth(`${queue}.dlq`)) === 3, {
      what: 'the three back in the DLQ',
    });
  });

  test('a replay of one message id moves only that letter', async () => {
    expect(await replayDeadLetters(TEST_AMQP_URL, queue, 'm2')).toBe(1);
    expect(await depth(queue)).toBe(1);
    const left = await listDeadLetters(TEST_AMQP_URL, queue);
    expect(left.map((l) => l.messageId).sort()).toEqual(['m1', 'm3']);
  });
});
