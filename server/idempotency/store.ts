import type { Queryable } from '../db/client.ts';
import type { idempotencyKeys } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Claims (principal, key) for this transaction; false when it was already claimed. A second
 * instance claiming the same key at the same moment waits on the first one's row until that
 * transaction ends, then sees it: so one request does the work and the other replays it.
 */
export async function claimIdempotencyKey(tx: Queryable, row: Omit<IdempotencyRow, 'response'>): Promise<boolean> {
  const claimed = await tx.run(sql`insert into idempotency_keys (principal, key, request_hash, status_code, response, created_at)
    values (${row.principal}, ${row.key}, ${row.requestHash}, ${row.statusCode}, '', ${row.createdAt})
    on conflict (principal, key) do nothing`);
  return claimed === 1;
}

export function findIdempotencyRecord(db: Queryable, principal: string, key: string): Promise<IdempotencyRow | undefined> {
  return db.one<IdempotencyRow>(sql`select * from idempotency_keys where principal = ${principal} and key = ${key}`);
}

export async function storeIdempotentResponse(tx: Queryable, principal: string, key: string, response: string): Promise<void> {
  await tx.run(sql`update idempotency_keys set response = ${response} where principal = ${principal} and key = ${key}`);
}

export function pruneIdempotencyRecordsBefore(tx: Queryable, at: number): Promise<number> {
  return tx.run(sql`delete from idempotency_keys where created_at < ${at}`);
}
