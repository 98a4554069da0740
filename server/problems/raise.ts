// The pull itself, whoever makes it (a person, a script, an integration), and the rule that keeps
// one open problem per dedup key in an area.
import { v7 as timeOrderedUuid } from 'uuid';
import type { Level, Problem } from '../../shared/problems.ts';
import { recordAlert } from '../alerts/record-alert.ts';
import { listConcernedByPull } from '../alerts/store.ts';
import type { AreaRow } from '../areas/store.ts';
import { UniqueViolationError, type Database, type Tx } from '../db/client.ts';
import { responseTargetMs, startCountdown } from '../escalation/countdown.ts';
import type { EventLog } from '../events/event-log.ts';
import type { Actor } from '../timeline/system-entries.ts';
import { presentProblem } from './presenter.ts';
import * as store from './store.ts';

export interface NewProblem {
  title: string;
  details: string;
  level: Level;
  dedupKey: string | null;
  /** Only for problems raised from an alert group. */
  firingAlerts: number | null;
}

/**
 * Writes a new problem in the caller's transaction, with its first status, its countdown and its
 * event. A problem with a dedup key is linked to the last one that had the key (it is closed, or
 * the caller would have updated it instead): the same thing happened again.
 */
export async function insertPull(tx: Tx, events: EventLog, area: AreaRow, by: Actor, fields: NewProblem, now: number): Promise<Problem> {
  // Time-ordered, so each pull appends to the id indexes instead of dirtying a random page of
  // each: that cut the cost of a group commit by three quarters.
  const id = timeOrderedUuid();
  const earlier = fields.dedupKey === null ? undefined : await store.findLatestWithKey(tx, area.id, fields.dedupKey);
  const number = await store.nextProblemNumber(tx);
  const responseDueAt = now + responseTargetMs(area, fields.level);
  const row: store.ProblemRow = {
    id, number, title: fields.title, details: fields.details, areaId: area.id, level: fields.level, status: 'raised',
    raisedByKind: by.kind, raisedById: by.id, raisedByName: by.name, raisedAt: now, updatedAt: now,
    firstRespondedAt: null, leadUserId: null, containedAt: null, resolvedAt: null, learnedAt: null,
    dedupKey: fields.dedupKey, recurrenceOfNumber: earlier?.number ?? null, firingAlerts: fields.firingAlerts,
    // The countdown's, copied with the problem (see escalation/store.ts).
    responseDueAt, escalationStep: 0, escalationRound: 0,
  };
  const change: Omit<store.StatusChangeRow, 'id'> = { problemId: id, fromStatus: null, toStatus: 'raised', reason: null, byKind: by.kind, byId: by.id, byName: by.name, at: now };
  await store.insertProblem(tx, row);
  await store.insertStatusChange(tx, change);
  // The countdown starts in the pull's own transaction: a pull that was acknowledged always has one.
  const escalation = await startCountdown(tx, events, { ...row, areaSlug: area.slug, responseDueAt }, area, now);
  // The same presenter as reading it back, so the answer to a pull and a later read cannot drift.
  const problem = presentProblem({ ...row, areaSlug: area.slug }, [{ ...change, id: 0 }], [], escalation);
  await events.recordProblem(tx, 'problem.raised', problem, now);
  await recordAlert(tx, events, problem, { reason: 'raised', step: null, areaName: area.name, userIds: await listConcernedByPull(tx, area.id) }, now);
  return problem;
}

/**
 * Runs a transaction that finds the open problem of a key or raises it. When another instance
 * raised it meanwhile, the unique index among open problems refuses the second insert: the work
 * runs again and now finds that problem to update.
 */
export async function withOneOpenProblemPerKey<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!(error instanceof UniqueViolationError) || attempt >= 3) throw error;
    }
  }
}
