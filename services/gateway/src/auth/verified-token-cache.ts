import type { Identity } from '@shop/common';
import { decodeJwt } from 'jose';
import type { TokenVerifier } from './token-verifier';

export interface VerifiedTokenCacheOptions {
  /** Longest a verified token is trusted without checking it again. @default 60000 ms */
  readonly ttlMs?: number;
  /** Tokens remembered at most; the oldest is dropped first. @default 10000 */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * Remembers tokens that verified (never failures) until the earlier of their `exp` and `ttlMs`,
 * so a client's repeated requests skip the RS256 check. A key withdrawn from the JWKS stops
 * being accepted within `ttlMs`.
 */
export function cachedVerifier(
  inner: TokenVerifier,
  options: VerifiedTokenCacheOptions = {},
): TokenVerifier {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { identity: Identity; until: number }>();
  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit && hit.until > now()) return hit.identity;
      verified.delete(token);
      const identity = await inner.verify(token);
      const exp = (decodeJwt(token).exp ?? 0) * 1000;
      verified.set(token, { identity, until: Math.min(exp, now() + ttlMs) });
      if (verified.size > maxEntries) verified.delete(verified.keys().next().value!);
      return identity;
    },
  };
}
