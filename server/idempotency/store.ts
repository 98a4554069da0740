import { and, eq, lt, sql } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { placeholders, preparedStatements } from '../db/prepared.ts';
import { idempotencyKeys } from '../db/schema.ts';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

const statements = preparedStatements((orm) => ({
  find: orm
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, sql.placeholder('principal')), eq(idempotencyKeys.key, sql.placeholder('key'))))
    .prepare(),
  insert: orm
    .insert(idempotencyKeys)
    .values(placeholders('principal', 'key', 'requestHash', 'statusCode', 'response', 'createdAt'))
    .prepare(),
}));

export function findIdempotencyRecord(orm: Orm, principal: string, key: string): IdempotencyRow | undefined {
  return statements(orm).find.get({ principal, key });
}

export function insertIdempotencyRecord(orm: Orm, row: IdempotencyRow): void {
  statements(orm).insert.run(row);
}

export function pruneIdempotencyRecordsBefore(orm: Orm, at: number): number {
  return orm.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, at)).run().changes;
}
