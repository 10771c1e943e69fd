import { MAX_RETRY_DELAY_MS, retryDelayMs } from '../../src/events/retry-queues';

test('the wait doubles each attempt from the configured base', () => {
  expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000))).toEqual([
    1000, 2000, 4000, 8000,
  ]);
});

test('the wait never exceeds the cap, however many attempts came before', () => {
  expect(retryDelayMs(6, 1000)).toBe(MAX_RETRY_DELAY_MS);
  expect(retryDelayMs(60, 1000)).toBe(MAX_RETRY_DELAY_MS);
});

test('a base of zero retries at once', () => {
  expect(retryDelayMs(3, 0)).toBe(0);
});
