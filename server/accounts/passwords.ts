import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

// One of OWASP's equivalent scrypt minimums: N=2^15, r=8, p=3 (32 MiB per hash, not 128).
export const PASSWORD_COST: PasswordCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Hashes new passwords at `cost` and checks any stored hash at the cost it was made with. Each hash
 * is encoded as `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old ones.
 */
export function createPasswordHasher(cost: PasswordCost = PASSWORD_COST) {
  async function hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, cost);
    return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async function verify(password: string, encoded: string): Promise<boolean> {
    const [scheme, n, r, p, salt, stored] = encoded.split('$');
    if (scheme !== 'scrypt' || !salt || !stored) return false;
    const expected = Buffer.from(stored, 'base64');
    const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  let dummyHash: Promise<string> | undefined;
  return {
    hash,
    verify,
    /** Spends the same time as a real check, so a missing account does not answer faster. */
    async burnCheck(password: string): Promise<void> {
      dummyHash ??= hash('not a real password');
      await verify(password, await dummyHash);
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;
