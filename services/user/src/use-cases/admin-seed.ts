import { AppError, type Logger, type Pool } from '@shop/common';
import * as store from '../store/user-store';
import type { UserAccounts } from './accounts';
import { registrationInput } from '../domain/inputs';
import type { PasswordHasher } from '../domain/password';

export interface AdminSeedDeps {
  readonly pool: Pool;
  readonly accounts: UserAccounts;
  readonly hasher: PasswordHasher;
  readonly log: Logger;
}

export type AdminSeedOutcome = 'created' | 'promoted' | 'unchanged' | 'refused';

/**
 * Ensures the configured admin exists; safe to run at every start and from several replicas.
 * - No account with the email: created with role admin (announced like any registration).
 * - An admin already: left alone. Its password is never reset, so a password changed since
 *   the first start survives restarts; changing ADMIN_PASSWORD later has no effect.
 * - A customer: promoted only when ADMIN_PASSWORD is its password. Otherwise whoever signed
 *   up with that email first would gain admin rights, so it is refused with an error log.
 */
export async function seedAdmin(
  deps: AdminSeedDeps,
  credentials: { email: string; password: string },
): Promise<AdminSeedOutcome> {
  const input = registrationInput.parse({ name: 'Administrator', ...credentials });
  const existing = await store.findUserByEmail(deps.pool, input.email);
  if (!existing) {
    const created = await deps.accounts.register(input, 'admin').then(
      () => true,
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'email_taken') return false;
        throw err;
      },
    );
    // Another replica created it in the meantime: check that one like any existing account.
    return created ? report(deps, 'created') : seedAdmin(deps, credentials);
  }
  if (existing.role === 'admin') return report(deps, 'unchanged');
  if (!(await deps.hasher.verify(input.password, existing.passwordHash))) {
    return report(deps, 'refused');
  }
  await store.setUserRole(deps.pool, existing.id, 'admin');
  return report(deps, 'promoted');
}

function report(deps: AdminSeedDeps, outcome: AdminSeedOutcome): AdminSeedOutcome {
  if (outcome === 'refused') {
    deps.log.error('ADMIN_EMAIL belongs to a customer with another password: not promoted');
  } else {
    deps.log.info({ outcome }, 'admin account seeded');
  }
  return outcome;
}
