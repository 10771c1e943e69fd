import type { Queryable } from '@shop/common';
import type { Recipient } from '../clients/user-directory';

/** Remembers who `userId` is (the latest word wins: a replayed sign-up changes nothing). */
export async function saveRecipient(
  db: Queryable,
  userId: string,
  { name, email }: Recipient,
): Promise<void> {
  await db.query(
    `INSERT INTO recipients (user_id, name, email) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email`,
    [userId, name, email],
  );
}

/** Who `userId` is, if this service has heard. */
export async function findStoredRecipient(
  db: Queryable,
  userId: string,
): Promise<Recipient | undefined> {
  const { rows } = await db.query<Recipient>(
    'SELECT name, email FROM recipients WHERE user_id = $1',
    [userId],
  );
  return rows[0];
}
