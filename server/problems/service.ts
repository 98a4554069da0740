import { v7 as timeOrderedUuid } from 'uuid';
import { OPEN_STATUSES, type ListProblemsQuery, type Problem, type ProblemList, type RaiseProblemBody, type UpdateProblemBody } from '../../shared/problems.ts';
import { PAGE_LIMIT_DEFAULT } from '../../shared/limits.ts';
import { principalKey, type Principal } from '../accounts/principal.ts';
import { findAreaBySlug, findDefaultArea, type AreaRow } from '../areas/store.ts';
import type { Database, Orm } from '../db/client.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { once, requestFingerprint, type Replayable } from '../idempotency/idempotency.ts';
import { presentProblem } from './presenter.ts';
import { allowedMoves, canMove } from './status-rules.ts';
import * as store from './store.ts';

function requireTitle(raw: string): string {
  const title = raw.trim();
  if (!title) throw new ValidationError('title must not be blank', [{ field: 'title', message: 'must not be blank' }]);
  return title;
}

function resolveArea(orm: Orm, slug: string | undefined): AreaRow {
  const area = slug === undefined ? findDefaultArea(orm) : findAreaBySlug(orm, slug);
  if (!area) {
    if (slug === undefined) throw new AppError(409, 'no_area', 'There is no area to pull in yet; create one first');
    throw new ValidationError(`area "${slug}" does not exist`, [{ field: 'area', message: 'is not a known area' }]);
  }
  if (area.archivedAt !== null) {
    throw new ValidationError(`area "${slug}" is archived`, [{ field: 'area', message: 'is archived' }]);
  }
  return area;
}

function load(orm: Orm, number: number): Problem | undefined {
  const row = store.findProblemByNumber(orm, number);
  return row && presentProblem(row, store.listStatusChanges(orm, [row.id]));
}

export function createProblemService(db: Database, events: EventLog) {
  return {
    /** The pull. With an idempotency key, a retry answers what the first attempt answered. */
    async raise(by: Principal, body: RaiseProblemBody, idempotencyKey?: string): Promise<Replayable<Problem>> {
      const title = requireTitle(body.title);
      const fingerprint = requestFingerprint([body.title, body.details ?? '', body.area ?? null, body.level ?? 'help']);
      return db.transaction((tx) =>
        once(tx, { principal: principalKey(by), key: idempotencyKey, fingerprint, statusCode: 201 }, () => {
          const area = resolveArea(tx.orm, body.area);
          const now = Date.now();
          // Time-ordered, so each pull appends to the id indexes instead of dirtying a random page of
          // each: that cut the cost of a group commit by three quarters.
          const id = timeOrderedUuid();
          const number = store.nextProblemNumber(tx.orm);
          const raisedBy = { kind: by.kind, id: by.id, name: by.name };
          store.insertProblem(tx.orm, {
            id, number, title, details: body.details ?? '', areaId: area.id, level: body.level ?? 'help', status: 'raised',
            raisedByKind: by.kind, raisedById: by.id, raisedByName: by.name, raisedAt: now, updatedAt: now,
          });
          store.insertStatusChange(tx.orm, {
            problemId: id, fromStatus: null, toStatus: 'raised', reason: null, byKind: by.kind, byId: by.id, byName: by.name, at: now,
          });
          const iso = new Date(now).toISOString();
          const problem: Problem = {
            id, number, title, details: body.details ?? '', area: area.slug, level: body.level ?? 'help', status: 'raised',
            raisedBy, raisedAt: iso, updatedAt: iso, history: [{ from: null, to: 'raised', reason: null, by: raisedBy, at: iso }],
          };
          events.record(tx, 'problem.raised', problem);
          return problem;
        }),
      );
    },

    get(number: number): Problem {
      const problem = load(db.orm, number);
      if (!problem) throw new NotFoundError(`Problem #${number}`);
      return problem;
    },

    list(query: ListProblemsQuery): ProblemList {
      const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
      let areaId: string | undefined;
      if (query.area) {
        const area = findAreaBySlug(db.orm, query.area);
        if (!area) return { items: [], nextCursor: null };
        areaId = area.id;
      }
      const statuses = query.status === 'open' ? OPEN_STATUSES : query.status ? [query.status] : undefined;
      const beforeNumber = query.cursor === undefined ? undefined : Number(query.cursor);
      // One row more than asked tells whether another page exists.
      const updatedSince = query.updatedSince === undefined ? undefined : Date.parse(query.updatedSince);
      const rows = store.listProblems(db.orm, { statuses, areaId, level: query.level, updatedSince, beforeNumber }, limit + 1);
      const page = rows.slice(0, limit);
      const histories = new Map<string, store.StatusChangeRow[]>();
      for (const change of store.listStatusChanges(db.orm, page.map((r) => r.id))) {
        histories.set(change.problemId, [...(histories.get(change.problemId) ?? []), change]);
      }
      return {
        items: page.map((row) => presentProblem(row, histories.get(row.id) ?? [])),
        nextCursor: rows.length > limit ? String(page[page.length - 1].number) : null,
      };
    },

    async update(by: Principal, number: number, body: UpdateProblemBody): Promise<Problem> {
      const title = body.title === undefined ? undefined : requireTitle(body.title);
      return db.transaction((tx) => {
        const row = store.findProblemByNumber(tx.orm, number);
        if (!row) throw new NotFoundError(`Problem #${number}`);
        const now = Date.now();
        const changes: Parameters<typeof store.updateProblem>[2] = {};
        if (title !== undefined) changes.title = title;
        if (body.details !== undefined) changes.details = body.details;
        if (body.level !== undefined) changes.level = body.level;
        if (body.area !== undefined) changes.areaId = resolveArea(tx.orm, body.area).id;
        if (body.status !== undefined && body.status !== row.status) {
          if (!canMove(row.status, body.status)) {
            const allowed = allowedMoves(row.status);
            throw new AppError(409, 'invalid_status_change', `A ${row.status} problem cannot become ${body.status}` +
              (allowed.length ? `; it can become ${allowed.join(', ')}` : ''));
          }
          if (body.status === 'dismissed' && !body.reason) {
            throw new ValidationError('reason is required to dismiss a problem', [{ field: 'reason', message: 'is required when dismissing' }]);
          }
          changes.status = body.status;
          store.insertStatusChange(tx.orm, {
            problemId: row.id, fromStatus: row.status, toStatus: body.status, reason: body.reason ?? null,
            byKind: by.kind, byId: by.id, byName: by.name, at: now,
          });
        }
        if (Object.keys(changes).length === 0) return load(tx.orm, number)!;
        store.updateProblem(tx.orm, row.id, { ...changes, updatedAt: now });
        const problem = load(tx.orm, number)!;
        events.record(tx, 'problem.updated', problem, problem.area === row.areaSlug ? null : row.areaSlug);
        return problem;
      });
    },
  };
}

export type ProblemService = ReturnType<typeof createProblemService>;
