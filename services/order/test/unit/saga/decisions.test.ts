import type { OrderStatus } from '../../../src/domain/order';
import type { SagaStage } from '../../../src/domain/saga-state';
import { onDeadline, onOutcome } from '../../../src/saga/decisions';
import type { SagaMode, StepOutcomeType } from '../../../src/saga/transitions';
import { after, ctx, outcomes, reserved, started, types } from './fixtures';

/** What an outcome does: the order's status and saga stage after it, and what it sends. */
type Expected = readonly [OrderStatus, SagaStage, readonly string[]] | 'ignored';

const charge = ['payment.charge'];
const confirmedAndCommit = ['order.confirmed', 'inventory.commit_stock'];
const cancelledAndRelease = ['order.cancelled', 'inventory.release_stock'];

// Every outcome in every stage of a PENDING order, in each style (docs/saga.md).
const WHILE_PENDING: ReadonlyArray<
  readonly [SagaMode, 'reserving' | 'charging', StepOutcomeType, Expected]
> = [
  ['orchestration', 'reserving', 'inventory.reserved', ['PENDING', 'charging', charge]],
  ['orchestration', 'reserving', 'inventory.rejected', ['CANCELLED', 'done', ['order.cancelled']]],
  ['orchestration', 'reserving', 'inventory.released', ['PENDING', 'reserving', []]],
  ['orchestration', 'reserving', 'payment.succeeded', 'ignored'],
  ['orchestration', 'reserving', 'payment.failed', 'ignored'],
  ['orchestration', 'reserving', 'payment.refunded', ['PENDING', 'reserving', []]],
  ['orchestration', 'charging', 'inventory.reserved', 'ignored'],
  ['orchestration', 'charging', 'inventory.rejected', 'ignored'],
  ['orchestration', 'charging', 'inventory.released', ['PENDING', 'charging', []]],
  ['orchestration', 'charging', 'payment.succeeded', ['CONFIRMED', 'done', confirmedAndCommit]],
  ['orchestration', 'charging', 'payment.failed', ['CANCELLED', 'done', cancelledAndRelease]],
  ['orchestration', 'charging', 'payment.refunded', ['PENDING', 'charging', []]],
  ['choreography', 'reserving', 'inventory.reserved', ['PENDING', 'charging', []]],
  ['choreography', 'reserving', 'inventory.rejected', ['CANCELLED', 'done', ['order.cancelled']]],
  ['choreography', 'reserving', 'inventory.released', ['PENDING', 'reserving', []]],
  ['choreography', 'reserving', 'payment.succeeded', ['CONFIRMED', 'done', ['order.confirmed']]],
  ['choreography', 'reserving', 'payment.failed', ['CANCELLED', 'done', ['order.cancelled']]],
  ['choreography', 'reserving', 'payment.refunded', ['PENDING', 'reserving', []]],
  ['choreography', 'charging', 'inventory.reserved', 'ignored'],
  ['choreography', 'charging', 'inventory.rejected', ['CANCELLED', 'done', ['order.cancelled']]],
  ['choreography', 'charging', 'inventory.released', ['PENDING', 'charging', []]],
  ['choreography', 'charging', 'payment.succeeded', ['CONFIRMED', 'done', ['order.confirmed']]],
  ['choreography', 'charging', 'payment.failed', ['CANCELLED', 'done', ['order.cancelled']]],
  ['choreography', 'charging', 'payment.refunded', ['PENDING', 'charging', []]],
];

// An outcome arriving after the order timed out while reserving: history, and in
// orchestration the compensation of a late success.
const AFTER_CANCELLED: ReadonlyArray<readonly [SagaMode, StepOutcomeType, readonly string[]]> = [
  ['orchestration', 'inventory.reserved', ['inventory.release_stock']],
  ['orchestration', 'inventory.rejected', []],
  ['orchestration', 'inventory.released', []],
  ['orchestration', 'payment.succeeded', ['payment.refund']],
  ['orchestration', 'payment.failed', []],
  ['orchestration', 'payment.refunded', []],
  ['choreography', 'inventory.reserved', []],
  ['choreography', 'inventory.rejected', []],
  ['choreography', 'inventory.released', []],
  ['choreography', 'payment.succeeded', []],
  ['choreography', 'payment.failed', []],
  ['choreography', 'payment.refunded', []],
];

const pending = (mode: SagaMode, stage: 'reserving' | 'charging') =>
  stage === 'reserving' ? started(mode).state : after(mode, reserved);

describe('the saga table, while the order is PENDING', () => {
  test.each(WHILE_PENDING)('%s, %s: %s -> %j', (mode, stage, type, expected) => {
    const decision = onOutcome(pending(mode, stage), outcomes[type], ctx(mode));
    if (expected === 'ignored') {
      expect(decision).toBeUndefined();
      return;
    }
    const [status, nextStage, sends] = expected;
    expect(decision?.state.order.status).toBe(status);
    expect(decision?.state.saga.stage).toBe(nextStage);
    expect(types(decision)).toEqual(sends);
  });

  test('covers every outcome in every stage of both styles', () => {
    expect(WHILE_PENDING).toHaveLength(2 * 2 * Object.keys(outcomes).length);
  });
});

describe('the saga table, after the order is CANCELLED', () => {
  test.each(AFTER_CANCELLED)('%s: a late %s is recorded and sends %j', (mode, type, sends) => {
    const timedOut = onDeadline(started(mode).state, ctx(mode, 10_000))!.state;
    const decision = onOutcome(timedOut, outcomes[type], ctx(mode, 11_000));
    expect(decision?.state.order.status).toBe('CANCELLED');
    expect(decision?.state.order.steps).toHaveLength(timedOut.order.steps.length + 1);
    expect(types(decision)).toEqual(sends);
    expect(onOutcome(decision!.state, outcomes[type], ctx(mode, 12_000))).toBeUndefined();
  });
});
