import { KeyedSerializer } from '../../src/store/keyed-serializer';

describe('KeyedSerializer', () => {
  test('runs tasks of one key one after another, other keys alongside', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}:end`);
      return name;
    };

    const results = await Promise.all([
      serializer.run('a', task('a1', 20)),
      serializer.run('a', task('a2', 1)),
      serializer.run('b', task('b1', 1)),
    ]);

    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2:start')).toBeGreaterThan(log.indexOf('a1:end'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
  });

  test('a failing task fails its caller only; the next one still runs', async () => {
    const serializer = new KeyedSerializer();
    const failing = serializer.run('a', () => Promise.reject(new Error('boom')));
    const next = serializer.run('a', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
