import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { preparedStatements } from '../db/prepared.ts';
import { areas } from '../db/schema.ts';

export type AreaRow = typeof areas.$inferSelect;

// Every pull resolves its area.
const statements = preparedStatements((orm) => ({
  bySlug: orm.select().from(areas).where(eq(areas.slug, sql.placeholder('slug'))).prepare(),
  defaultArea: orm.select().from(areas).where(isNull(areas.archivedAt)).orderBy(asc(areas.createdAt)).limit(1).prepare(),
}));

export function insertArea(orm: Orm, row: typeof areas.$inferInsert): AreaRow {
  return orm.insert(areas).values(row).returning().get();
}

export function listAreas(orm: Orm): AreaRow[] {
  return orm.select().from(areas).orderBy(asc(areas.createdAt), asc(areas.name)).all();
}

export function findAreaBySlug(orm: Orm, slug: string): AreaRow | undefined {
  return statements(orm).bySlug.get({ slug });
}

export function findAreaById(orm: Orm, id: string): AreaRow | undefined {
  return orm.select().from(areas).where(eq(areas.id, id)).get();
}

/** The area a pull lands in when it names none: the oldest one still in use. */
export function findDefaultArea(orm: Orm): AreaRow | undefined {
  return statements(orm).defaultArea.get();
}

export function updateArea(orm: Orm, id: string, changes: Partial<typeof areas.$inferInsert>): AreaRow {
  return orm.update(areas).set(changes).where(eq(areas.id, id)).returning().get();
}
