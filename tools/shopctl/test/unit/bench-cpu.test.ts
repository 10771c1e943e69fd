import { cpuMsPer, PROCESS_SUM, STACK_BACKENDS, WHOLE_MACHINE } from '../../src/bench/cpu';
import { cpuTable } from '../../src/bench/cpu-table';
import { parseStat, treeCpuMs, type ProcessTimes } from '../../src/bench/proc';

describe('a server process with its workers', () => {
  test('/proc/<pid>/stat gives the parent, own and reaped children ticks (a name with spaces)', () => {
    const stat = '42 (postgres: walwriter ) S 7 42 42 0 -1 4194560 1 0 0 0 12 3 40 5 20 0 1 0';
    expect(parseStat(stat)).toEqual({ ppid: 7, ownMs: 150, reapedMs: 450 });
  });

  test('the postmaster counts itself, reaped backends and live children, not other processes', () => {
    const t = (ppid: number, ownMs: number, reapedMs = 0): ProcessTimes => ({
      ppid,
      ownMs,
      reapedMs,
    });
    const all = new Map([
      [10, t(1, 100, 2000)],
      [11, t(10, 300)],
      [12, t(10, 50, 5)],
      [13, t(1, 9999)],
    ]);
    expect(treeCpuMs(10, all)).toBe(2455);
    expect(treeCpuMs(99, all)).toBeUndefined();
  });
});

describe('CPU per order with PostgreSQL', () => {
  const before = new Map([
    ['order', 1000],
    ['postgresql', 5000],
    ['backend 21', 400],
    ['backend 22', 100],
    ['(bench client)', 10],
    [WHOLE_MACHINE, 20_000],
  ]);
  const after = new Map([
    ['order', 1500],
    ['postgresql', 7000],
    ['backend 21', 900],
    ['backend 23', 300],
    ['(bench client)', 110],
    [WHOLE_MACHINE, 24_000],
  ]);

  test('the backends add up into one row, not counted twice in the sum beside the machine', () => {
    expect(cpuMsPer(before, after, 100)).toEqual({
      order: 5,
      postgresql: 20,
      '(bench client)': 1,
      [STACK_BACKENDS]: 8,
      [PROCESS_SUM]: 26,
      [WHOLE_MACHINE]: 40,
    });
  });

  test('the table puts the processes first, the sum and the machine last, and their ratio', () => {
    const lines = cpuTable([['orchestration', cpuMsPer(before, after, 100)]]);
    expect(lines.slice(2, 8).map((l) => l.split(' | ')[0])).toEqual([
      '| order',
      '| postgresql',
      `| ${STACK_BACKENDS}`,
      '| (bench client)',
      `| ${PROCESS_SUM}`,
      `| ${WHOLE_MACHINE}`,
    ]);
    expect(lines.at(-1)).toContain('orchestration 26.0 of 40.0 ms (65 %)');
  });
});
