import { AppError, type Identity } from '@shop/common';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { z } from 'zod';

/** Turns a bearer token into the caller's identity, or fails with a 401 (or 503) AppError. */
export interface TokenVerifier {
  verify(token: string): Promise<Identity>;
}

export interface JwksVerifierOptions {
  /** The user service's JWKS, e.g. `http://user/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Deadline for one JWKS fetch. */
  readonly timeoutMs: number;
  /** Least time between two fetches triggered by an unknown `kid`. */
  readonly cooldownMs: number;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.enum(['customer', 'admin']),
  email: z.email().max(320),
});

/** Failures that are the token's fault; anything else means the JWKS could not be had. */
const INVALID_TOKEN: ReadonlySet<string> = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/**
 * Verifies RS256 JWTs issued by `user` (iss and aud `shop`, `exp` required) against its JWKS.
 * jose caches the key set and refetches it when a token names an unknown `kid` (at most once
 * per cooldown), so key rotation needs no restart.
 */
export function jwksTokenVerifier(options: JwksVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.timeoutMs,
    cooldownDuration: options.cooldownMs,
  });
  return {
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: 5,
        }));
      } catch (err) {
        throw verificationFailure(err);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw invalidToken('token claims are malformed');
      return { userId: claims.data.sub, role: claims.data.role, email: claims.data.email };
    },
  };
}

export function invalidToken(detail: string, cause?: unknown): AppError {
  return new AppError('invalid_token', 401, detail, cause);
}

function verificationFailure(err: unknown): AppError {
  if (err instanceof errors.JOSEError && INVALID_TOKEN.has(err.code)) {
    return invalidToken(
      err instanceof errors.JWTExpired ? 'token expired' : 'token is not valid',
      err,
    );
  }
  return new AppError('auth_unavailable', 503, 'cannot verify tokens right now', err);
}
