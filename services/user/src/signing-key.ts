import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { ConfigError, type Logger } from '@shop/common';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { Config } from './config';
import type { SigningKey } from './domain/tokens';

const MIN_RSA_BITS = 2048;

/**
 * The token signing key from `JWT_PRIVATE_KEY` (a Secret in the cluster), or a key pair made
 * at start when the config allows it (local runs, tests); `kid` defaults to the thumbprint.
 */
export async function loadSigningKey(
  config: Pick<Config, 'JWT_PRIVATE_KEY' | 'JWT_KEY_ID'>,
  log: Logger,
): Promise<SigningKey> {
  const privateKey = config.JWT_PRIVATE_KEY
    ? importPrivateKey(config.JWT_PRIVATE_KEY)
    : await ephemeralKey(log);
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = config.JWT_KEY_ID || (await calculateJwkThumbprint(jwk));
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

function importPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new ConfigError(['JWT_PRIVATE_KEY: not a PEM private key']);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) {
    throw new ConfigError([`JWT_PRIVATE_KEY: must be an RSA key of at least ${MIN_RSA_BITS} bits`]);
  }
  return key;
}

async function ephemeralKey(log: Logger): Promise<KeyObject> {
  log.warn('JWT_PRIVATE_KEY is empty: signing with a key generated for this process only');
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: MIN_RSA_BITS });
  return privateKey;
}
