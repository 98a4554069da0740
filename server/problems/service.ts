import { OPEN_STATUSES, type ListProblemsQuery, type Problem, type ProblemList, type RaiseProblemBody, type UpdateProblemBody, type ChangeStatusBody } from '../../shared/problems.ts';
import { PAGE_LIMIT_DEFAULT } from '../../shared/limits.ts';
import { principalKey, type Principal } from '../accounts/principal.ts';
import { findAreaBySlug, findDefaultArea, type AreaRow } from '../areas/store.ts';
import type { Clock } from '../clock.ts';
import type { Database, Queryable } from '../db/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { newestEventSeq } from '../events/store.ts';
import { once, requestFingerprint, type Replayable } from '../idempotency/idempotency.ts';
import { loadLockedProblem, loadProblem, presentProblems } from './load-problem.ts';
import { insertPull, withOneOpenProblemPerKey } from './raise.ts';
import { moveStatus, statusMoveFrom, type StatusMove } from './status-change.ts';
import * as store from './store.ts';

function requireTitle(raw: string): string {
  const title = raw.trim();
  if (!title) throw new ValidationError('title must not be blank', [{ field: 'title', message: 'must not be blank' }]);
  return title;
}

async function resolveArea(db: Queryable, slug: string | undefined): Promise<AreaRow> {
  const area = slug === undefined ? await findDefaultArea(db) : await findAreaBySlug(db, slug);
  if (!area) {
    if (slug === undefined) throw new ConflictError('no_area', 'There is no area to pull in yet; create one first');
    throw new ValidationError(`area "${slug}" does not exist`, [{ field: 'area', message: 'is not a known area' }]);
  }
  if (area.archivedAt !== null) {
    throw new ValidationError(`area "${slug}" is archived`, [{ field: 'area', message: 'is archived' }]);
  }
  return area;
}

export function createProblemService(db: Database, events: EventLog, clock: Clock) {
  return {
    /** The pull. With an idempotency key, a retry answers what the first attempt answered. */
    async raise(by: Principal, body: RaiseProblemBody, idempotencyKey?: string): Promise<Replayable<Problem>> {
      const title = requireTitle(body.title);
      const fingerprint = requestFingerprint([body.title, body.details ?? '', body.area ?? null, body.level ?? 'help', body.dedupKey ?? null]);
      const dedupKey = body.dedupKey ?? null;
      return withOneOpenProblemPerKey(db, (tx) => {
        const now = clock.now();
        return once(tx, { principal: principalKey(by), key: idempotencyKey, fingerprint, statusCode: 201, now }, async () => {
          const area = await resolveArea(tx, body.area);
          // A script pulling again for what is still open gets the open problem, not a second one.
          const open = dedupKey === null ? undefined : await store.findOpenWithKeyForUpdate(tx, area.id, dedupKey);
          if (open) return loadLockedProblem(tx, open.number);
          return insertPull(tx, events, area, by, { title, details: body.details ?? '', level: body.level ?? 'help', dedupKey, firingAlerts: null }, now);
        });
      });
    },

    async get(number: number): Promise<Problem> {
      const problem = await loadProblem(db, number);
      if (!problem) throw new NotFoundError(`Problem #${number}`);
      return problem;
    },

    async list(query: ListProblemsQuery): Promise<ProblemList> {
      // Read before the problems: every event up to it is committed, so the list already holds its change,
      // and whatever commits later has a seq after it, for the live connection to replay.
      const seq = await newestEventSeq(db);
      const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
      let areaId: string | undefined;
      if (query.area) {
        const area = await findAreaBySlug(db, query.area);
        if (!area) return { items: [], nextCursor: null, seq };
        areaId = area.id;
      }
      const statuses = query.status === 'open' ? OPEN_STATUSES : query.status ? [query.status] : undefined;
      const beforeNumber = query.cursor === undefined ? undefined : Number(query.cursor);
      // One row more than asked tells whether another page exists.
      const updatedSince = query.updatedSince === undefined ? undefined : Date.parse(query.updatedSince);
      const rows = await store.listProblems(db, { statuses, areaId, level: query.level, updatedSince, beforeNumber }, limit + 1);
      const page = rows.slice(0, limit);
      return {
        items: await presentProblems(db, page),
        nextCursor: rows.length > limit ? String(page[page.length - 1].number) : null,
        seq,
      };
    },

    async update(by: Principal, number: number, body: UpdateProblemBody): Promise<Problem> {
      const title = body.title === undefined ? undefined : requireTitle(body.title);
      return db.transaction(async (tx) => {
        const row = await store.findProblemForUpdate(tx, number);
        if (!row) throw new NotFoundError(`Problem #${number}`);
        const now = clock.now();
        const next: store.ProblemRow = { ...row };
        if (title !== undefined) next.title = title;
        if (body.details !== undefined) next.details = body.details;
        if (body.level !== undefined) next.level = body.level;
        if (body.area !== undefined) next.areaId = (await resolveArea(tx, body.area)).id;
        if (body.status !== undefined && body.status !== row.status) {
          await moveStatus(tx, events, row, { to: body.status, reason: body.reason ?? null }, by, now);
          next.status = body.status;
        }
        const changed = (['title', 'details', 'level', 'areaId', 'status'] as const).some((field) => next[field] !== row[field]);
        if (!changed) return loadLockedProblem(tx, number);
        await store.updateProblem(tx, { ...next, updatedAt: now });
        const problem = await loadLockedProblem(tx, number);
        await events.recordProblem(tx, 'problem.updated', problem, now, problem.area === row.areaSlug ? null : row.areaSlug);
        return problem;
      });
    },

    /** `POST /status`: the same move as PATCH's, with a dismissal's reason spelled out. */
    async changeStatus(by: Principal, number: number, body: ChangeStatusBody): Promise<Problem> {
      const move: StatusMove = await statusMoveFrom(db, number, body);
      return db.transaction(async (tx) => {
        const row = await store.findProblemForUpdate(tx, number);
        if (!row) throw new NotFoundError(`Problem #${number}`);
        // Pressing the button twice answers the problem as it is rather than a 409.
        if (row.status === move.to) return loadLockedProblem(tx, number);
        const now = clock.now();
        await moveStatus(tx, events, row, move, by, now);
        const problem = await loadLockedProblem(tx, number);
        await events.recordProblem(tx, 'problem.updated', problem, now);
        return problem;
      });
    },
  };
}

export type ProblemService = ReturnType<typeof createProblemService>;
