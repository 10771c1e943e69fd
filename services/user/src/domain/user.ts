import type { Role } from '@shop/common';
import type { UserRecord } from '../store/user-store';

/** A user as the service shows it: never with a password hash. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly createdAt: string;
}

export function toUser(record: UserRecord): User {
  const { id, name, email, role, createdAt } = record;
  return { id, name, email, role, createdAt: createdAt.toISOString() };
}
