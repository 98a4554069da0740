import type { Queryable } from '../db/client.ts';
import type { areas } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type AreaRow = typeof areas.$inferSelect;

/** A new area starts with no escalation path, so its repeat count starts at 0. */
export async function insertArea(db: Queryable, row: Omit<AreaRow, 'escalationRepeat'>): Promise<AreaRow> {
  await db.run(sql`insert into areas (id, slug, name, description, response_target_minutes, archived_at, created_at)
    values (${row.id}, ${row.slug}, ${row.name}, ${row.description}, ${row.responseTargetMinutes}, ${row.archivedAt}, ${row.createdAt})`);
  return { ...row, escalationRepeat: 0 };
}

export function listAreas(db: Queryable): Promise<AreaRow[]> {
  return db.all<AreaRow>(sql`select * from areas order by created_at, name`);
}

export function findAreaBySlug(db: Queryable, slug: string): Promise<AreaRow | undefined> {
  return db.one<AreaRow>(sql`select * from areas where slug = ${slug}`);
}

/** The area a pull lands in when it names none: the oldest one still in use. */
export function findDefaultArea(db: Queryable): Promise<AreaRow | undefined> {
  return db.one<AreaRow>(sql`select * from areas where archived_at is null order by created_at limit 1`);
}

export async function updateArea(db: Queryable, row: AreaRow): Promise<AreaRow> {
  await db.run(sql`update areas set name = ${row.name}, description = ${row.description},
    response_target_minutes = ${row.responseTargetMinutes}, archived_at = ${row.archivedAt} where id = ${row.id}`);
  return row;
}
