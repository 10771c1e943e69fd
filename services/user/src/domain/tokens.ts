import type { KeyObject } from 'node:crypto';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import { SignJWT, type JWK } from 'jose';
import type { User } from './user';

/** The key tokens are signed with, and its public half as published in the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** Carries `kid`, `alg: RS256` and `use: sig`. */
  readonly publicJwk: JWK;
}

export const TOKEN_TTL_SECONDS = 3600;

/** Issues the RS256 access tokens the gateway verifies (DESIGN.md "Security"). */
export class TokenIssuer {
  constructor(private readonly key: SigningKey) {}

  issue(user: Pick<User, 'id' | 'email' | 'role'>): Promise<string> {
    return new SignJWT({ email: user.email, role: user.role })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })
      .setSubject(user.id)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
      .sign(this.key.privateKey);
  }

  /** The JWKS document: a list, so a previous key can be published next to a new one. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.key.publicJwk] };
  }
}
