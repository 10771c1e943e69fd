import type { Queryable, Role } from '@shop/common';

/** A user as stored; `passwordHash` never leaves the domain layer. */
export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** Where a page of users ends: the exact `created_at` (microseconds, as JSON) and id. */
export interface UserCursor {
  readonly createdAt: string;
  readonly id: string;
}

const COLUMNS = `id, name, email, role, password_hash AS "passwordHash", created_at AS "createdAt"`;

/** Inserts the user unless the email is taken; returns false when it is. */
export async function insertUser(
  db: Queryable,
  user: Omit<UserRecord, 'createdAt'>,
): Promise<UserRecord | undefined> {
  const { rows } = await db.query<UserRecord>(
    `INSERT INTO users (id, name, email, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
    [user.id, user.name, user.email, user.role, user.passwordHash],
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

export async function findUserByEmail(
  db: Queryable,
  email: string,
): Promise<UserRecord | undefined> {
  const { rows } = await db.query<UserRecord>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [
    email,
  ]);
  return rows[0];
}

export async function setUserRole(db: Queryable, id: string, role: Role): Promise<void> {
  await db.query('UPDATE users SET role = $2 WHERE id = $1', [id, role]);
}

/** Up to `limit` users in creation order, after `after` when given, each with its cursor. */
export async function listUsers(
  db: Queryable,
  limit: number,
  after?: UserCursor,
): Promise<Array<{ user: UserRecord; cursor: UserCursor }>> {
  const { rows } = await db.query<UserRecord & { cursorAt: string }>(
    `SELECT ${COLUMNS}, to_json(created_at) #>> '{}' AS "cursorAt" FROM users
     WHERE $1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid)
     ORDER BY created_at, id LIMIT $3`,
    [after?.createdAt ?? null, after?.id ?? null, limit],
  );
  return rows.map(({ cursorAt, ...user }) => ({
    user,
    cursor: { createdAt: cursorAt, id: user.id },
  }));
}
