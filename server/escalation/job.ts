import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { cancelJob, scheduleJob } from '../jobs/store.ts';

export const ESCALATION_JOB = 'escalation';

/** One pending escalation per problem: the key is what lets "escalate now" replace it. */
export const escalationKey = (problemId: string) => `escalation:${problemId}`;

export interface EscalationPayload {
  problemId: string;
  number: number;
}

/**
 * Makes the problem's next escalation due at `dueAt`, replacing any pending one. Called with the
 * problem's row locked, so the job and the state it was scheduled from cannot drift apart.
 */
export async function scheduleEscalation(
  tx: Tx, problem: { id: string; number: number }, dueAt: number, now: number, options: { replace: boolean } = { replace: true },
): Promise<void> {
  const key = escalationKey(problem.id);
  // A problem just raised has no job to replace: the pull path skips the delete.
  if (options.replace) await cancelJob(tx, key);
  const payload: EscalationPayload = { problemId: problem.id, number: problem.number };
  await scheduleJob(tx, { id: randomUUID(), kind: ESCALATION_JOB, key, payload: JSON.stringify(payload), dueAt, createdAt: now });
}
