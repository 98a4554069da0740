import { createHash } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { claimIdempotencyKey, findIdempotencyRecord, storeIdempotentResponse } from './store.ts';

/** Keys are kept at least this long; a retry within it gets the first answer. */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3_600_000;

export class IdempotencyMismatchError extends AppError {
  override name = 'IdempotencyMismatchError';
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body');
  }
}

export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export interface Replayable<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs `work` at most once per (principal, key), across every instance: inside the caller's
 * transaction, so the answer is stored atomically with the change it describes.
 */
export async function once<T>(
  tx: Tx,
  scope: { principal: string; key: string | undefined; fingerprint: string; statusCode: number; now: number },
  work: () => Promise<T>,
): Promise<Replayable<T>> {
  const { principal, key, fingerprint, statusCode, now } = scope;
  if (key === undefined) return { statusCode, body: await work(), replayed: false };
  if (!(await claimIdempotencyKey(tx, { principal, key, requestHash: fingerprint, statusCode, createdAt: now }))) {
    const earlier = await findIdempotencyRecord(tx, principal, key);
    if (!earlier) throw new Error('idempotency key claimed by another request, but its record is missing');
    if (earlier.requestHash !== fingerprint) throw new IdempotencyMismatchError();
    return { statusCode: earlier.statusCode, body: JSON.parse(earlier.response) as T, replayed: true };
  }
  const body = await work();
  await storeIdempotentResponse(tx, principal, key, JSON.stringify(body));
  return { statusCode, body, replayed: false };
}
