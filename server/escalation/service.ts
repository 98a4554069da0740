import type { Problem } from '../../shared/problems.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import { cancelJob } from '../jobs/store.ts';
import type { JobHandler } from '../jobs/runner.ts';
import { loadLockedProblem } from '../problems/load-problem.ts';
import { findProblemByNumber } from '../problems/store.ts';
import { escalate } from './escalate.ts';
import { escalationKey, type EscalationPayload } from './job.ts';

/** The countdown ran out (or a step's wait did): runs in the transaction that completes the job, so once. */
export function escalationJob(events: EventLog, clock: Clock): JobHandler {
  return async (tx, payload) => {
    await escalate(tx, events, (payload as EscalationPayload).number, clock.now(), null);
  };
}

export function createEscalationService(db: Database, events: EventLog, clock: Clock) {
  return {
    /** "Escalate now": anyone signed in may press it on a problem nobody has joined yet. */
    async escalateNow(by: Principal, number: number): Promise<Problem> {
      return db.transaction(async (tx) => {
        const found = await findProblemByNumber(tx, number);
        if (!found) throw new NotFoundError(`Problem #${number}`);
        // The job runner deletes the job row before it locks the problem; doing the same here keeps
        // the two from waiting on each other (a deadlock on PostgreSQL). A job that was running
        // commits first, and the escalation below starts from the step it reached.
        await cancelJob(tx, escalationKey(found.id));
        const outcome = await escalate(tx, events, number, clock.now(), { kind: by.kind, id: by.id, name: by.name });
        if (outcome === 'not-raised') throw new ConflictError('not_raised', `Problem #${number} is no longer raised: someone has joined, so escalation has stopped`);
        if (outcome === 'nobody-left') throw new ConflictError('nobody_left', 'Nobody is left on the escalation path to escalate to');
        if (outcome === 'not-found') throw new NotFoundError(`Problem #${number}`);
        return loadLockedProblem(tx, number);
      });
    },
  };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
