// The one path by which a problem's status changes, whichever route asked for it (the status route,
// PATCH, or the first join of a swarm): the lifecycle check, the history row, and the timeline entry.
import type { ChangeStatusBody, Status } from '../../shared/problems.ts';
import { allowedMoves, canMove } from '../../shared/status-lifecycle.ts';
import { UniqueViolationError, type Queryable, type Tx } from '../db/client.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { addTimelineEntry, type Actor } from '../timeline/system-entries.ts';
import * as store from './store.ts';

/** How a dismissal's reason is worded: the flow measures sort the reasons back out by these words. */
export const DISMISS_WORDING = { duplicatePrefix: 'Duplicate of #', notAProblem: 'Not a problem' } as const;

export interface StatusMove {
  to: Status;
  /** Why, in words: required to dismiss. */
  reason: string | null;
}

export async function moveStatus(tx: Tx, events: EventLog, row: store.ProblemWithArea, move: StatusMove, by: Actor, at: number) {
  if (!canMove(row.status, move.to)) {
    const allowed = allowedMoves(row.status);
    throw new ConflictError('invalid_status_change', `A ${row.status} problem cannot become ${move.to}` +
      (allowed.length ? `; it can become ${allowed.join(', ')}` : ''));
  }
  if (move.to === 'dismissed' && !move.reason) {
    throw new ValidationError('reason is required to dismiss a problem', [{ field: 'reason', message: 'is required when dismissing' }]);
  }
  await store.insertStatusChange(tx, {
    problemId: row.id, fromStatus: row.status, toStatus: move.to, reason: move.reason,
    byKind: by.kind, byId: by.id, byName: by.name, at,
  });
  try {
    await store.setProblemStatus(tx, row.id, move.to, at);
  } catch (error) {
    // Reopening a problem whose dedup key another open problem took meanwhile: one open problem per key.
    if (!(error instanceof UniqueViolationError)) throw error;
    throw new ConflictError('dedup_key_open', 'Another open problem in this area has the same dedup key: work that one, or resolve it first', { cause: error });
  }
  const body = `${row.status} → ${move.to}${move.reason ? `: ${move.reason}` : ''}`;
  await addTimelineEntry(tx, events, { problemId: row.id, problemNumber: row.number, areaSlug: row.areaSlug },
    { kind: 'status', body, by, at });
}

/** Turns the status route's body into a move, checking that a dismissal says why. */
export async function statusMoveFrom(db: Queryable, number: number, body: ChangeStatusBody): Promise<StatusMove> {
  if (body.status !== 'dismissed') {
    const extra = (['reason', 'duplicateOf', 'text'] as const).filter((field) => body[field] !== undefined);
    if (extra.length) throw new ValidationError(`${extra.join(', ')} only go with dismissing`, extra.map((field) => ({ field, message: 'only goes with status dismissed' })));
    return { to: body.status, reason: null };
  }
  switch (body.reason) {
    case undefined:
      throw new ValidationError('reason is required to dismiss a problem', [{ field: 'reason', message: 'is required when dismissing: duplicate, not-a-problem or other' }]);
    case 'duplicate': {
      const original = body.duplicateOf === undefined ? undefined : await store.findProblemByNumber(db, body.duplicateOf);
      if (!original || original.number === number) {
        throw new ValidationError('duplicateOf must name another problem', [{ field: 'duplicateOf', message: 'must be the number of another problem' }]);
      }
      return { to: 'dismissed', reason: `${DISMISS_WORDING.duplicatePrefix}${original.number}` };
    }
    case 'not-a-problem':
      return { to: 'dismissed', reason: DISMISS_WORDING.notAProblem };
    case 'other': {
      const text = body.text?.trim();
      if (!text) throw new ValidationError('text is required with reason other', [{ field: 'text', message: 'must say why' }]);
      return { to: 'dismissed', reason: text };
    }
  }
}
