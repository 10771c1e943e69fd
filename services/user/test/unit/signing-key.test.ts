import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@shop/common';
import { testLogger } from '@shop/common/testing';
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import { TokenIssuer } from '../../src/domain/tokens';
import { loadSigningKey } from '../../src/signing-key';

const log = testLogger();

function pkcs8Pem(type: 'rsa' | 'ec' = 'rsa', bits = 2048): string {
  const options = type === 'rsa' ? { modulusLength: bits } : { namedCurve: 'P-256' };
  const { privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('loadSigningKey', () => {
  test('uses JWT_PRIVATE_KEY and JWT_KEY_ID, publishing only the public half', async () => {
    const key = await loadSigningKey(
      { JWT_PRIVATE_KEY: pkcs8Pem(), JWT_KEY_ID: 'key-2026-01' },
      log,
    );

    expect(key.kid).toBe('key-2026-01');
    expect(key.publicJwk).toMatchObject({
      kty: 'RSA',
      kid: 'key-2026-01',
      alg: 'RS256',
      use: 'sig',
    });
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  test('without JWT_KEY_ID, names the key by its RFC 7638 thumbprint', async () => {
    const key = await loadSigningKey({ JWT_PRIVATE_KEY: pkcs8Pem(), JWT_KEY_ID: '' }, log);

    const { kty, n, e } = key.publicJwk;
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty, n, e }));
  });

  test('without JWT_PRIVATE_KEY, generates a key pair for this process', async () => {
    const key = await loadSigningKey({ JWT_PRIVATE_KEY: '', JWT_KEY_ID: '' }, log);

    expect(key.privateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  test.each([
    ['not PEM', 'hello'],
    ['an EC key', pkcs8Pem('ec')],
    ['a 1024-bit RSA key', pkcs8Pem('rsa', 1024)],
  ])('when JWT_PRIVATE_KEY is %s, fails naming the variable', async (_case, pem) => {
    const loading = loadSigningKey({ JWT_PRIVATE_KEY: pem, JWT_KEY_ID: '' }, log);

    await expect(loading).rejects.toBeInstanceOf(ConfigError);
    await expect(loading).rejects.toThrow(/JWT_PRIVATE_KEY/);
  });
});

describe('TokenIssuer', () => {
  test('issues RS256 tokens with kid, sub, email, role, iss, aud and a one-hour exp', async () => {
    const key = await loadSigningKey({ JWT_PRIVATE_KEY: '', JWT_KEY_ID: 'k1' }, log);
    const issuer = new TokenIssuer(key);

    const token = await issuer.issue({ id: 'u1', email: 'a@example.com', role: 'admin' });

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: 'k1' });
    const { payload } = await jwtVerify(token, await importJWK(issuer.jwks().keys[0]!, 'RS256'), {
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: 'u1', email: 'a@example.com', role: 'admin' });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });
});
