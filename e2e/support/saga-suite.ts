import { checkCallLog } from '../../tools/shopctl/src/runner/conformance';
import type { SagaMode } from './isolated-stack';
import { duplicateDeliveryScenarios } from './scenarios/duplicates';
import { faultScenarios } from './scenarios/faults';
import { idempotencyScenarios } from './scenarios/idempotency';
import { placementScenarios } from './scenarios/placement';
import { requestScenarios } from './scenarios/requests';
import { useShop } from './shop-context';

/**
 * The acceptance suite of the order placement saga (issue 3), run through the gateway against
 * real processes, PostgreSQL and RabbitMQ. One call per SAGA_MODE: the same tests for both.
 */
export function sagaSuite(mode: SagaMode): void {
  jest.setTimeout(120_000);
  describe(`order placement saga, ${mode}`, () => {
    // A slow card provider keeps charges in flight long enough for the crash tests to hit them.
    const ctx = useShop(mode, { PAYMENT_PROVIDER_LATENCY_MS: '100' });

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
  });

  describe(`order placement saga, ${mode}, every message delivered twice`, () => {
    const ctx = useShop(mode, { EVENT_DUPLICATE_DELIVERY: 'true' });
    duplicateDeliveryScenarios(ctx);
  });
}
