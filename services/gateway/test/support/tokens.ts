import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { listenOnFreePort, type TestServer } from '@shop/common/testing';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

export interface JwksServer extends TestServer {
  readonly jwksUrl: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  /** Adds a key to the published set (key rotation). */
  publish(key: SigningKey): void;
}

/** Plays the user service's `/.well-known/jwks.json`. */
export async function startJwksServer(keys: SigningKey[]): Promise<JwksServer> {
  const published = [...keys];
  let fetches = 0;
  const server = await listenOnFreePort((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  return {
    ...server,
    jwksUrl: `${server.url}/.well-known/jwks.json`,
    fetches: () => fetches,
    publish: (key) => published.push(key),
  };
}

export interface TokenOptions {
  readonly role?: 'customer' | 'admin';
  readonly sub?: string;
  readonly email?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
}

/** A token as the user service issues it (RS256, iss/aud `shop`, 1 h), with any part overridden. */
export function signToken(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: options.role ?? 'customer',
    email: options.email ?? 'ada@example.com',
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(options.sub ?? randomUUID())
    .setIssuer(options.issuer ?? JWT_ISSUER)
    .setAudience(options.audience ?? JWT_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(key.privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The same claims, unsigned (`alg: none`). */
export function unsignedToken(claims: object): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
}

/** The claims part of a token, decoded. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** The token with its claims replaced and its original signature kept. */
export function tamper(token: string, changes: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64({ ...claimsOf(token), ...changes })}.${signature}`;
}
