import { TEST_AMQP_URL, TEST_POSTGRES_URL } from '@shop/common/testing';
import { formatChaosReport, runChaos } from '../../src/chaos/run';

// The short chaos run of make test (make chaos runs longer): a full stack under checkout load,
// a kill -9 every 3 s, RabbitMQ and PostgreSQL cut once each through proxies.
jest.setTimeout(480_000);

test('under kill -9 and outages every accepted order ends, is stored once, and every invariant holds', async () => {
  const report = await runChaos({
    durationS: 30,
    customers: 4,
    killEveryS: 3,
    outageS: 2,
    postgresUrl: TEST_POSTGRES_URL,
    amqpUrl: TEST_AMQP_URL,
  });
  process.stdout.write(`chaos:\n${formatChaosReport(report)}`);

  expect(report.violations).toEqual([]);
  expect(report.outages).toEqual(['rabbitmq', 'postgresql']);
  expect(report.kills.length).toBeGreaterThanOrEqual(3);
  expect(report.accepted).toBeGreaterThan(0);
  expect(report.stored).toBe(report.accepted);
  expect(report.confirmed + report.cancelled).toBe(report.accepted);
  expect(report.deadLetters).toBe(0);
});
