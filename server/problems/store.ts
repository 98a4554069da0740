import { and, asc, desc, eq, gte, inArray, lt, max, type SQL } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { placeholders, preparedStatements } from '../db/prepared.ts';
import { areas, problems, problemStatusChanges } from '../db/schema.ts';

export type ProblemRow = typeof problems.$inferSelect;
export type ProblemWithArea = ProblemRow & { areaSlug: string };
export type StatusChangeRow = typeof problemStatusChanges.$inferSelect;

export interface ProblemFilter {
  statuses?: readonly ProblemRow['status'][];
  areaId?: string;
  level?: ProblemRow['level'];
  updatedSince?: number;
  beforeNumber?: number;
}

const withArea = { ...getColumns(), areaSlug: areas.slug };
function getColumns() {
  const { id, number, title, details, areaId, level, status, raisedByKind, raisedById, raisedByName, raisedAt, updatedAt } = problems;
  return { id, number, title, details, areaId, level, status, raisedByKind, raisedById, raisedByName, raisedAt, updatedAt };
}

// The pull path: built once, not on every raise.
const statements = preparedStatements((orm) => ({
  maxNumber: orm.select({ n: max(problems.number) }).from(problems).prepare(),
  insertProblem: orm
    .insert(problems)
    .values(placeholders('id', 'number', 'title', 'details', 'areaId', 'level', 'status', 'raisedByKind', 'raisedById', 'raisedByName', 'raisedAt', 'updatedAt'))
    .prepare(),
  insertStatusChange: orm
    .insert(problemStatusChanges)
    .values(placeholders('problemId', 'fromStatus', 'toStatus', 'reason', 'byKind', 'byId', 'byName', 'at'))
    .prepare(),
}));

export function nextProblemNumber(orm: Orm): number {
  return (statements(orm).maxNumber.get()?.n ?? 0) + 1;
}

export function insertProblem(orm: Orm, row: Required<typeof problems.$inferInsert>): void {
  statements(orm).insertProblem.run(row);
}

export function updateProblem(orm: Orm, id: string, changes: Partial<typeof problems.$inferInsert>): void {
  orm.update(problems).set(changes).where(eq(problems.id, id)).run();
}

export function insertStatusChange(orm: Orm, row: Required<Omit<typeof problemStatusChanges.$inferInsert, 'id'>>): void {
  statements(orm).insertStatusChange.run(row);
}

export function findProblemByNumber(orm: Orm, number: number): ProblemWithArea | undefined {
  return orm.select(withArea).from(problems).innerJoin(areas, eq(areas.id, problems.areaId)).where(eq(problems.number, number)).get();
}

/** Newest first. */
export function listProblems(orm: Orm, filter: ProblemFilter, limit: number): ProblemWithArea[] {
  const conditions: SQL[] = [];
  if (filter.statuses) conditions.push(inArray(problems.status, [...filter.statuses]));
  if (filter.areaId) conditions.push(eq(problems.areaId, filter.areaId));
  if (filter.level) conditions.push(eq(problems.level, filter.level));
  if (filter.updatedSince !== undefined) conditions.push(gte(problems.updatedAt, filter.updatedSince));
  if (filter.beforeNumber !== undefined) conditions.push(lt(problems.number, filter.beforeNumber));
  return orm
    .select(withArea)
    .from(problems)
    .innerJoin(areas, eq(areas.id, problems.areaId))
    .where(and(...conditions))
    .orderBy(desc(problems.number))
    .limit(limit)
    .all();
}

/** Status histories for many problems in one query, oldest change first. */
export function listStatusChanges(orm: Orm, problemIds: string[]): StatusChangeRow[] {
  if (problemIds.length === 0) return [];
  return orm
    .select()
    .from(problemStatusChanges)
    .where(inArray(problemStatusChanges.problemId, problemIds))
    .orderBy(asc(problemStatusChanges.id))
    .all();
}
