import { createEvent } from '@shop/common';
import type { UserRecord } from '../store/user-store';

export const EVENT_SOURCE = 'user';

/** `user.registered`, correlated by the new user's id. */
export function userRegistered(user: UserRecord) {
  const { id, name, email, role } = user;
  return createEvent(
    'user.registered',
    { userId: id, name, email, role },
    { source: EVENT_SOURCE, correlationId: id },
  );
}
