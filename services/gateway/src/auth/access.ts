import { AppError, IDENTITY_HEADERS, sendProblem, toAppError, type Identity } from '@shop/common';
import type { Request, RequestHandler, Response } from 'express';
import type { Access } from '../routes/table';
import type { TokenVerifier } from './token-verifier';

/** Drops every client-supplied `x-user-*` header: identity comes only from a verified token. */
export const stripClientIdentity: RequestHandler = (req, _res, next) => {
  for (const name of Object.keys(req.headers)) {
    if (name.startsWith('x-user-')) delete req.headers[name];
  }
  next();
};

/**
 * Lets a request through when its caller may use a route of `access`; a signed-in caller's
 * identity then travels to the upstream in the `x-user-*` headers.
 */
export function requireAccess(access: Access, verifier: TokenVerifier): RequestHandler {
  if (access === 'public') return (_req, _res, next) => next();
  return async (req, res, next) => {
    const token = bearerToken(req);
    if (!token) {
      return challenge(res, AppError.unauthorized('a bearer token is required'), 'realm="shop"');
    }
    let identity: Identity;
    try {
      identity = await verifier.verify(token);
    } catch (err) {
      const failure = toAppError(err);
      if (failure.status !== 401) return next(failure);
      return challenge(res, failure, 'error="invalid_token"');
    }
    if (access === 'admin' && identity.role !== 'admin') {
      return challenge(
        res,
        AppError.forbidden('admin role required'),
        'error="insufficient_scope"',
      );
    }
    req.headers[IDENTITY_HEADERS.userId] = identity.userId;
    req.headers[IDENTITY_HEADERS.role] = identity.role;
    req.headers[IDENTITY_HEADERS.email] = identity.email;
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  return /^Bearer +([\w\-.~+/]+=*)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** RFC 6750 answer: the problem plus the Bearer challenge saying what was wrong. */
function challenge(res: Response, failure: AppError, params: string): void {
  sendProblem(res, failure, { 'www-authenticate': `Bearer ${params}` });
}
