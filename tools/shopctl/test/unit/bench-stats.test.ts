import { cpuPerUnit } from '../../src/bench/cpu';
import { formatLatency, percentile, summarize } from '../../src/bench/stats';

describe('bench statistics', () => {
  test('percentiles use the nearest rank, so p99 of 100 values is the 99th smallest', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
  });

  test('a summary sorts its input and reports the maximum', () => {
    expect(summarize([30, 10, 20])).toEqual({ count: 3, p50: 20, p95: 30, p99: 30, max: 30 });
  });

  test('no values summarize to dashes, not zeros', () => {
    expect(formatLatency(summarize([]))).toBe('p50 -  p95 -  p99 -  max -');
  });
});

describe('CPU per order', () => {
  test('each process costs its CPU milliseconds between the samples divided by the orders', () => {
    const before = new Map([
      ['order', 1000],
      ['gateway', 500],
    ]);
    const after = new Map([
      ['order', 1630],
      ['gateway', 900],
      ['late', 50],
    ]);
    expect(cpuPerUnit(before, after, 100)).toEqual(['order 6.3', 'gateway 4.0']);
  });
});
