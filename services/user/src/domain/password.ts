import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * scrypt password hashes, stored self-describing as `scrypt$N$r$p$salt$hash` (base64) so the
 * cost can rise later without breaking old hashes. Hashing runs on libuv's thread pool.
 */
export class PasswordHasher {
  private readonly params: ScryptParams;
  private decoy?: Promise<string>;

  /** @param logN log2 of the cost N for new hashes. */
  constructor(logN = 15) {
    this.params = { N: 2 ** logN, r: BLOCK_SIZE, p: PARALLELISM };
  }

  async hash(password: string): Promise<string> {
    const { N, r, p } = this.params;
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, KEY_LENGTH, this.params);
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
    return timingSafeEqual(key, parsed.key);
  }

  /**
   * A hash of a random secret, computed once: verifying against it when an account does not
   * exist makes a failed login take as long as a wrong password.
   */
  decoyHash(): Promise<string> {
    this.decoy ??= this.hash(randomBytes(32).toString('base64'));
    return this.decoy;
  }
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  { N, r, p }: ScryptParams,
): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r + 1024 * r * p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Parses a stored hash, refusing parameters outside sane bounds (a corrupt row is no DoS). */
function parseHash(
  stored: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(Math.log2(params.N));
  if (!powerOfTwo || params.N < 2 ** 10 || params.N > 2 ** 17) return undefined;
  if (!inRange(params.r, 1, 16) || !inRange(params.p, 1, 4)) return undefined;
  const saltBytes = Buffer.from(salt, 'base64');
  const keyBytes = Buffer.from(key, 'base64');
  if (saltBytes.length < 8 || keyBytes.length < 16) return undefined;
  return { params, salt: saltBytes, key: keyBytes };
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
