import { CLOSED_STATUSES } from '../../shared/history.ts';
import type { Queryable } from '../db/client.ts';
import { sql, type Sql } from '../db/sql.ts';
import type { ProblemRow } from '../problems/store.ts';

export type HistoryRow = Pick<ProblemRow, 'number' | 'title' | 'level' | 'status' | 'raisedAt' | 'updatedAt'> & { areaSlug: string; areaName: string };

export interface HistoryFilter {
  /** Taken literally: LIKE's wildcards in it are escaped. */
  titleContains?: string;
  areaId?: string;
  raisedFrom?: number;
  raisedBefore?: number;
  /** The last row of the previous page: newest first, by raised_at then number. */
  after?: { raisedAt: number; number: number };
}

const LIKE_ESCAPE = '\\';

/** `%`, `_` and the escape character itself match only themselves. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

/** Closed problems, newest raised first; uses problems_history_idx (status, raised_at, number). */
export function listClosedProblems(db: Queryable, filter: HistoryFilter, limit: number): Promise<HistoryRow[]> {
  const conditions: Sql[] = [sql`problems.status in (${sql.join(CLOSED_STATUSES)})`];
  // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
  if (filter.titleContains) conditions.push(sql`lower(problems.title) like lower(${likeContains(filter.titleContains)}) escape ${LIKE_ESCAPE}`);
  if (filter.areaId) conditions.push(sql`problems.area_id = ${filter.areaId}`);
  if (filter.raisedFrom !== undefined) conditions.push(sql`problems.raised_at >= ${filter.raisedFrom}`);
  if (filter.raisedBefore !== undefined) conditions.push(sql`problems.raised_at < ${filter.raisedBefore}`);
  const { after } = filter;
  if (after) conditions.push(sql`(problems.raised_at < ${after.raisedAt} or (problems.raised_at = ${after.raisedAt} and problems.number < ${after.number}))`);
  return db.all<HistoryRow>(sql`select problems.number, problems.title, problems.level, problems.status, problems.raised_at, problems.updated_at,
      areas.slug as area_slug, areas.name as area_name
    from problems join areas on areas.id = problems.area_id
    ${sql.where(conditions)} order by problems.raised_at desc, problems.number desc limit ${limit}`);
}
