import { randomUUID } from 'node:crypto';
import { addToOutbox, AppError, withTransaction, type Pool, type Role } from '@shop/common';
import { userRegistered } from '../events/outgoing';
import type { UserMetrics } from '../metrics';
import * as store from '../store/user-store';
import type { CredentialsInput, ListUsersInput, RegistrationInput } from '../domain/inputs';
import { decodePageToken, encodePageToken } from '../domain/page-token';
import type { PasswordHasher } from '../domain/password';
import { toUser, type User } from '../domain/user';

export interface AccountsDeps {
  readonly pool: Pool;
  readonly hasher: PasswordHasher;
  readonly metrics: UserMetrics;
  /** Called after a commit that wrote events to the outbox, so they leave at once. */
  readonly eventsCommitted: () => void;
}

export const DEFAULT_PAGE_SIZE = 50;

/** The use cases on accounts; HTTP routes and gRPC handlers both call these. */
export class UserAccounts {
  constructor(private readonly deps: AccountsDeps) {}

  /** Creates an account and records `user.registered` in the same transaction. */
  async register(input: RegistrationInput, role: Role = 'customer'): Promise<User> {
    const { pool, hasher, metrics } = this.deps;
    const passwordHash = await hasher.hash(input.password);
    const created = await withTransaction(pool, async (tx) => {
      const user = { id: randomUUID(), name: input.name, email: input.email, role, passwordHash };
      const record = await store.insertUser(tx, user);
      if (!record) throw AppError.conflict('email_taken', 'an account with this email exists');
      await addToOutbox(tx, [userRegistered(record)]);
      return record;
    });
    this.deps.eventsCommitted();
    metrics.registered.inc();
    return toUser(created);
  }

  /**
   * The account matching the credentials. An unknown email costs the same hash as a wrong
   * password and fails the same way, so neither timing nor answer tells which it was.
   */
  async authenticate({ email, password }: CredentialsInput): Promise<User> {
    const { pool, hasher, metrics } = this.deps;
    const record = await store.findUserByEmail(pool, email);
    const hash = record?.passwordHash ?? (await hasher.decoyHash());
    const matches = await hasher.verify(password, hash);
    metrics.logins.inc({ result: record && matches ? 'success' : 'failure' });
    if (!record || !matches) {
      throw new AppError('invalid_credentials', 401, 'wrong email or password');
    }
    return toUser(record);
  }

  async getUser(id: string): Promise<User> {
    const record = isUuid(id) ? await store.findUserById(this.deps.pool, id) : undefined;
    if (!record) throw AppError.notFound('no such user');
    return toUser(record);
  }

  async listUsers({
    pageSize,
    pageToken,
  }: ListUsersInput): Promise<{ users: User[]; nextPageToken: string }> {
    const limit = pageSize || DEFAULT_PAGE_SIZE;
    const after = pageToken ? decodePageToken(pageToken) : undefined;
    // One extra row tells whether another page follows.
    const rows = await store.listUsers(this.deps.pool, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      users: page.map((r) => toUser(r.user)),
      nextPageToken: rows.length > limit && last ? encodePageToken(last.cursor) : '',
    };
  }
}

function isUuid(id: string): boolean {
  return /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(id);
}
