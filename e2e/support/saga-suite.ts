import { checkCallLog } from '../../tools/shopctl/src/runner/conformance';
import type { SagaMode } from './isolated-stack';
import { analyticsScenarios } from './scenarios/analytics';
import { duplicateDeliveryScenarios } from './scenarios/duplicates';
import { faultScenarios } from './scenarios/faults';
import { idempotencyScenarios } from './scenarios/idempotency';
import { placementScenarios } from './scenarios/placement';
import { requestScenarios } from './scenarios/requests';
import { useShop } from './shop-context';

/**
 * The acceptance suite of the order placement saga (issue 3), run through the gateway against
 * real processes, PostgreSQL and RabbitMQ. One call per SAGA_MODE: the same tests for both;
 * `env` varies the stack further (EVENT_STREAM=kafka: analytics reads Kafka).
 */
export function sagaSuite(mode: SagaMode, env: Record<string, string> = {}): void {
  jest.setTimeout(120_000);
  const stream = env.EVENT_STREAM ? `, EVENT_STREAM=${env.EVENT_STREAM}` : '';
  describe(`order placement saga, ${mode}${stream}`, () => {
    // A slow card provider keeps charges in flight long enough for the crash tests to hit them.
    const ctx = useShop(mode, { PAYMENT_PROVIDER_LATENCY_MS: '100', ...env });

    describe('POST /api/orders', () => placementScenarios(ctx));
    describe('Idempotency-Key', () => idempotencyScenarios(ctx));
    describe('requests and privacy', () => requestScenarios(ctx));
    describe('faults', () => faultScenarios(ctx));

    test('at the end every invariant holds, no message was dead-lettered, every call was declared', async () => {
      await ctx.expectInvariantsHold();
      const dead = Object.entries(await ctx.shop.deadLetters()).filter(([, n]) => n > 0);
      expect(dead).toEqual([]);
      const { calls, undeclared } = checkCallLog(ctx.shop.callLogFile, ctx.shop.stack.options);
      expect(calls.length).toBeGreaterThan(0);
      expect(undeclared).toEqual([]);
    });

    analyticsScenarios(ctx);
  });

  describe(`order placement saga, ${mode}${stream}, every message delivered twice`, () => {
    const ctx = useShop(mode, { EVENT_DUPLICATE_DELIVERY: 'true', ...env });
    duplicateDeliveryScenarios(ctx);
    analyticsScenarios(ctx);
  });
}
