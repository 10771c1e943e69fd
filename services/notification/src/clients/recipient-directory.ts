import type { Logger, Pool } from '@shop/common';
import { findStoredRecipient, saveRecipient } from '../store/recipient-store';
import type { UserDirectory } from './user-directory';

/**
 * Users from this service's own `recipients` table (fed by user.registered); only a user not
 * there yet (signed up before the table, or an order event ahead of the sign-up) is asked of
 * `remote`, and remembered. An email to a known user needs nothing of the user service.
 */
export function recipientDirectory(pool: Pool, remote: UserDirectory, log: Logger): UserDirectory {
  return {
    async findUser(id) {
      const stored = await findStoredRecipient(pool, id);
      if (stored) return stored;
      const found = await remote.findUser(id);
      if (found) {
        // Only a shortcut for next time: failing to remember it must not fail this email.
        await saveRecipient(pool, id, found).catch((err: unknown) =>
          log.warn({ err, userId: id }, 'could not remember a recipient'),
        );
      }
      return found;
    },
    close: () => remote.close(),
  };
}
