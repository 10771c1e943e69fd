import { parseSettings } from '../../src/bench/settings';

describe('bench-saga settings', () => {
  test('defaults: 32 customers for 30 s in orchestration on an isolated stack', () => {
    expect(parseSettings([], {})).toEqual(
      expect.objectContaining({
        customers: 32,
        durationS: 30,
        mode: 'orchestration',
        products: 20,
        url: undefined,
        profileDir: undefined,
      }),
    );
  });

  test('flags win over the environment, which wins over the defaults', () => {
    const env = { BENCH_CUSTOMERS: '8', BENCH_DURATION_S: '5', SAGA_MODE: 'choreography' };
    expect(parseSettings(['--customers', '64'], env)).toEqual(
      expect.objectContaining({ customers: 64, durationS: 5, mode: 'choreography' }),
    );
  });

  test.each([
    [['--customers', '0']],
    [['--duration', 'soon']],
    [['--mode', 'sequential']],
    [['--help']],
  ])('%j is refused (usage is printed)', (args) => {
    expect(parseSettings(args, {})).toBeUndefined();
  });
});
