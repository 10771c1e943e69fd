import { AppError, type Identity } from '@shop/common';
import { cachedVerifier } from '../../src/auth/verified-token-cache';
import type { TokenVerifier } from '../../src/auth/token-verifier';

const ada: Identity = { userId: 'u-1', role: 'customer', email: 'ada@example.com' };

/** An unsigned token shape with the given `exp` (seconds): only its claims are read here. */
function tokenExpiringAt(expSeconds: number, id = 'a'): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ sub: id, exp: expSeconds })}.sig`;
}

function countingVerifier(result: () => Identity): TokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    async verify() {
      verifier.calls++;
      return result();
    },
  };
  return verifier;
}

describe('cachedVerifier', () => {
  let clock = 1_000_000;
  const now = () => clock;

  test('checks a token once, then answers from memory until the ttl', async () => {
    const inner = countingVerifier(() => ada);
    const verifier = cachedVerifier(inner, { ttlMs: 1000, now });
    const token = tokenExpiringAt(clock / 1000 + 3600);

    expect(await verifier.verify(token)).toEqual(ada);
    expect(await verifier.verify(token)).toEqual(ada);
    expect(inner.calls).toBe(1);
    clock += 1001;
    await verifier.verify(token);
    expect(inner.calls).toBe(2);
  });

  test('never trusts a token past its own exp', async () => {
    const inner = countingVerifier(() => ada);
    const verifier = cachedVerifier(inner, { ttlMs: 60_000, now });
    const token = tokenExpiringAt(clock / 1000 + 1);

    await verifier.verify(token);
    clock += 1500;
    await verifier.verify(token);
    expect(inner.calls).toBe(2);
  });

  test('does not remember failures', async () => {
    const inner = countingVerifier(() => {
      throw new AppError('invalid_token', 401, 'token is not valid');
    });
    const verifier = cachedVerifier(inner, { now });
    const token = tokenExpiringAt(clock / 1000 + 3600);

    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401 });
    expect(inner.calls).toBe(2);
  });

  test('holds at most maxEntries tokens, dropping the oldest', async () => {
    const inner = countingVerifier(() => ada);
    const verifier = cachedVerifier(inner, { maxEntries: 2, now });
    const [a, b, c] = ['a', 'b', 'c'].map((id) => tokenExpiringAt(clock / 1000 + 3600, id));

    for (const token of [a, b, c]) await verifier.verify(token!);
    await verifier.verify(c!);
    await verifier.verify(a!);
    expect(inner.calls).toBe(4);
  });
});
