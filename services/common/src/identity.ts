import type { Request } from 'express';
import { AppError } from './errors';

/** Headers the gateway sets after verifying the caller's JWT (and strips from clients). */
export const IDENTITY_HEADERS = {
  userId: 'x-user-id',
  role: 'x-user-role',
  email: 'x-user-email',
} as const;

export type Role = 'customer' | 'admin';

export interface Identity {
  readonly userId: string;
  readonly role: Role;
  readonly email: string;
}

/** The caller's identity as forwarded by the gateway, or undefined for anonymous calls. */
function identityOf(req: Request): Identity | undefined {
  const userId = req.header(IDENTITY_HEADERS.userId);
  const role = req.header(IDENTITY_HEADERS.role);
  if (!userId || (role !== 'customer' && role !== 'admin')) return undefined;
  return { userId, role, email: req.header(IDENTITY_HEADERS.email) ?? '' };
}

export function requireUser(req: Request): Identity {
  const identity = identityOf(req);
  if (!identity) throw AppError.unauthorized();
  return identity;
}

export function requireAdmin(req: Request): Identity {
  const identity = requireUser(req);
  if (identity.role !== 'admin') throw AppError.forbidden('admin role required');
  return identity;
}
