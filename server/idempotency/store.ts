import { and, eq, lt } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function findIdempotencyRecord(orm: Orm, principal: string, key: string): IdempotencyRow | undefined {
  return orm
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)))
    .get();
}

export function insertIdempotencyRecord(orm: Orm, row: IdempotencyRow): void {
  orm.insert(idempotencyKeys).values(row).run();
}

export function pruneIdempotencyRecordsBefore(orm: Orm, at: number): number {
  return orm.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, at)).run().changes;
}
