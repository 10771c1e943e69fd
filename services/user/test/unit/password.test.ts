import { PasswordHasher } from '../../src/domain/password';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(14);

  test('stores scrypt$N$r$p$salt$hash with a fresh 16-byte salt each time', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');

    const [scheme, n, r, p, salt, key] = first.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
    expect(second).not.toBe(first);
  });

  test('verifies the right password and rejects any other', async () => {
    const stored = await hasher.hash('correct horse battery');

    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  test('verifies with the parameters stored in the hash, so the cost can change later', async () => {
    const stored = await new PasswordHasher(15).hash('correct horse battery');

    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
  });

  test('treats composed and decomposed Unicode forms of a password as the same', async () => {
    const stored = await hasher.hash('caf\u00e9-au-lait');

    expect(await hasher.verify('cafe\u0301-au-lait', stored)).toBe(true);
  });

  test.each([
    ['an empty string', ''],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['a cost beyond the bounds', 'scrypt$1048576$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5'],
    [
      'a cost that is not a power of two',
      'scrypt$20000$8$1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5',
    ],
    ['missing parts', 'scrypt$16384$8$1$c2FsdA=='],
  ])('answers false, without throwing, for a stored hash that is %s', async (_case, stored) => {
    expect(await hasher.verify('correct horse battery', stored)).toBe(false);
  });

  test('keeps one decoy hash for logins of unknown accounts', async () => {
    const decoy = await hasher.decoyHash();

    expect(await hasher.decoyHash()).toBe(decoy);
    expect(decoy.startsWith('scrypt$16384$')).toBe(true);
  });
});
