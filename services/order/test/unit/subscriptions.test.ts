import { STEP_OUTCOMES } from '../../src/events/subscriptions';
import { OUTCOME_STEP } from '../../src/saga/transitions';

describe('the order service subscriptions', () => {
  test('are every outcome the saga decides on, and nothing else', () => {
    expect([...STEP_OUTCOMES].sort()).toEqual(Object.keys(OUTCOME_STEP).sort());
  });
});
