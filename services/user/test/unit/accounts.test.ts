import { AppError, createMetrics, type Pool } from '@shop/common';
import { UserAccounts } from '../../src/use-cases/accounts';
import { PasswordHasher } from '../../src/domain/password';
import { createUserMetrics } from '../../src/metrics';

/** A store with no accounts at all. */
const emptyPool = { query: async () => ({ rows: [] }) } as unknown as Pool;

describe('UserAccounts.authenticate', () => {
  test('for an unknown email, still runs scrypt (on the decoy hash) and fails like a wrong password', async () => {
    const hasher = new PasswordHasher(14);
    const verify = jest.spyOn(hasher, 'verify');
    const accounts = new UserAccounts({
      pool: emptyPool,
      hasher,
      metrics: createUserMetrics(createMetrics('user').registry),
      eventsCommitted: () => undefined,
    });

    const attempt = accounts.authenticate({ email: 'nobody@example.com', password: 'whatever1' });

    await expect(attempt).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(verify).toHaveBeenCalledWith('whatever1', await hasher.decoyHash());
  });
});
