import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret (session cookie, invite code, API token). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are stored only as this hash; a leaked database does not leak usable secrets. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
