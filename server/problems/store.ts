import type { Queryable } from '../db/client.ts';
import { nextValue } from '../db/counters.ts';
import type { problems, problemStatusChanges } from '../db/schema/sqlite.ts';
import { sql, type Sql } from '../db/sql.ts';
import { OPEN_STATUSES } from '../../shared/problems.ts';

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

/** Gap-free and unique across instances: see `nextValue`. */
export function nextProblemNumber(tx: Queryable): Promise<number> {
  return nextValue(tx, 'problems');
}

export async function insertProblem(tx: Queryable, row: ProblemRow): Promise<void> {
  await tx.run(sql`insert into problems (id, number, title, details, area_id, level, status,
      raised_by_kind, raised_by_id, raised_by_name, raised_at, updated_at, dedup_key, recurrence_of_number, firing_alerts,
      response_due_at, escalation_step, escalation_round)
    values (${row.id}, ${row.number}, ${row.title}, ${row.details}, ${row.areaId}, ${row.level}, ${row.status},
      ${row.raisedByKind}, ${row.raisedById}, ${row.raisedByName}, ${row.raisedAt}, ${row.updatedAt},
      ${row.dedupKey}, ${row.recurrenceOfNumber}, ${row.firingAlerts}, ${row.responseDueAt}, ${row.escalationStep}, ${row.escalationRound})`);
}

export async function updateProblem(tx: Queryable, row: ProblemRow): Promise<void> {
  await tx.run(sql`update problems set title = ${row.title}, details = ${row.details}, area_id = ${row.areaId},
    level = ${row.level}, status = ${row.status}, updated_at = ${row.updatedAt} where id = ${row.id}`);
}

export async function insertStatusChange(tx: Queryable, row: Omit<StatusChangeRow, 'id'>): Promise<void> {
  await tx.run(sql`insert into problem_status_changes (problem_id, from_status, to_status, reason, by_kind, by_id, by_name, at)
    values (${row.problemId}, ${row.fromStatus}, ${row.toStatus}, ${row.reason}, ${row.byKind}, ${row.byId}, ${row.byName}, ${row.at})`);
}

const withArea = sql`select problems.*, areas.slug as area_slug from problems join areas on areas.id = problems.area_id`;

export function findProblemByNumber(db: Queryable, number: number): Promise<ProblemWithArea | undefined> {
  return db.one<ProblemWithArea>(sql`${withArea} where problems.number = ${number}`);
}

/**
 * For a change: locks the problem's row until the transaction ends (PostgreSQL), so two instances
 * changing one problem take turns instead of both acting on the same old status.
 */
export function findProblemForUpdate(tx: Queryable, number: number): Promise<ProblemWithArea | undefined> {
  const lock = tx.dialect === 'postgres' ? sql` for update of problems` : sql``;
  return tx.one<ProblemWithArea>(sql`${withArea} where problems.number = ${number}${lock}`);
}

/** The open problem with this key in the area, locked for the caller's change (PostgreSQL). */
export function findOpenWithKeyForUpdate(tx: Queryable, areaId: string, dedupKey: string): Promise<ProblemWithArea | undefined> {
  const lock = tx.dialect === 'postgres' ? sql` for update of problems` : sql``;
  return tx.one<ProblemWithArea>(sql`${withArea} where problems.area_id = ${areaId} and problems.dedup_key = ${dedupKey}
    and problems.status in (${sql.join(OPEN_STATUSES)})${lock}`);
}

/** The newest problem that had this key in the area, open or not. */
export function findLatestWithKey(db: Queryable, areaId: string, dedupKey: string): Promise<ProblemRow | undefined> {
  return db.one<ProblemRow>(sql`select * from problems where area_id = ${areaId} and dedup_key = ${dedupKey} order by number desc limit 1`);
}

export async function setFiringAlerts(tx: Queryable, problemId: string, firingAlerts: number, at: number): Promise<void> {
  await tx.run(sql`update problems set firing_alerts = ${firingAlerts}, updated_at = ${at} where id = ${problemId}`);
}

/** Newest first. */
export function listProblems(db: Queryable, filter: ProblemFilter, limit: number): Promise<ProblemWithArea[]> {
  const conditions: Sql[] = [];
  if (filter.statuses) conditions.push(sql`problems.status in (${sql.join(filter.statuses)})`);
  if (filter.areaId) conditions.push(sql`problems.area_id = ${filter.areaId}`);
  if (filter.level) conditions.push(sql`problems.level = ${filter.level}`);
  if (filter.updatedSince !== undefined) conditions.push(sql`problems.updated_at >= ${filter.updatedSince}`);
  if (filter.beforeNumber !== undefined) conditions.push(sql`problems.number < ${filter.beforeNumber}`);
  return db.all<ProblemWithArea>(sql`${withArea} ${sql.where(conditions)} order by problems.number desc limit ${limit}`);
}

/** Status histories for many problems in one query, oldest change first. */
export async function listStatusChanges(db: Queryable, problemIds: string[]): Promise<StatusChangeRow[]> {
  if (problemIds.length === 0) return [];
  return db.all<StatusChangeRow>(sql`select * from problem_status_changes
    where problem_id in (${sql.join(problemIds)}) order by id`);
}

/** Marks a problem changed, so `updatedSince` finds it. */
export async function touchProblem(tx: Queryable, problemId: string, at: number): Promise<void> {
  await tx.run(sql`update problems set updated_at = ${at} where id = ${problemId}`);
}

/** Also notes when the problem first reached containment, resolution and learning (resolving contains it too). */
export async function setProblemStatus(tx: Queryable, problemId: string, status: ProblemRow['status'], at: number): Promise<void> {
  const reaches = (statuses: readonly ProblemRow['status'][]) => statuses.includes(status);
  const contained = reaches(['contained', 'resolved', 'learned']) ? at : null;
  const resolved = reaches(['resolved', 'learned']) ? at : null;
  const learned = status === 'learned' ? at : null;
  await tx.run(sql`update problems set status = ${status}, updated_at = ${at},
    contained_at = coalesce(contained_at, ${contained}), resolved_at = coalesce(resolved_at, ${resolved}),
    learned_at = coalesce(learned_at, ${learned}) where id = ${problemId}`);
}
