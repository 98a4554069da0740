import type { Tx } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';
import { recordAlert } from '../alerts/record-alert.ts';
import { findAreaBySlug } from '../areas/store.ts';
import { findProblemForUpdate, touchProblem } from '../problems/store.ts';
import { loadLockedProblem } from '../problems/load-problem.ts';
import { loadAreaPeople } from '../responders/store.ts';
import { addTimelineEntry, type Actor } from '../timeline/system-entries.ts';
import { names } from './countdown.ts';
import { scheduleEscalation } from './job.ts';
import { nextStep } from './next-step.ts';
import { findEscalation, updateEscalation } from './store.ts';

export type EscalationOutcome = 'escalated' | 'nobody-left' | 'not-raised' | 'not-found';

/**
 * Moves a problem nobody has joined on to the next step of its area's path: alerts those people,
 * records it on the timeline, and schedules the step after for this step's wait. The problem's row
 * is locked and its status read again here, so a join that committed first always wins.
 * `by` is who pressed "escalate now"; null when the countdown ran out.
 */
export async function escalate(tx: Tx, events: EventLog, number: number, now: number, by: Actor | null): Promise<EscalationOutcome> {
  const problem = await findProblemForUpdate(tx, number);
  if (!problem) return 'not-found';
  if (problem.status !== 'raised') return 'not-raised';
  const state = await findEscalation(tx, problem.id);
  const area = await findAreaBySlug(tx, problem.areaSlug);
  if (!state || !area) return 'nobody-left';
  const { steps } = (await loadAreaPeople(tx, [area.id])).get(area.id) ?? { steps: [] };
  const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: problem.areaSlug };
  const reached = nextStep(steps.map((s) => ({ people: s.people })), area.escalationRepeat, state);

  if (!reached) {
    if (state.nextAt === null) return 'nobody-left';
    await updateEscalation(tx, { ...state, nextAt: null });
    // At step 0 (an area with nobody on its path) nothing anyone sees changes: the countdown was
    // due at the target and now says how late it is, so boards are not sent an event for it. Past
    // step 0 the path was shortened since: the next escalation it promised is withdrawn.
    if (state.step > 0) {
      await touchProblem(tx, problem.id, now);
      await events.recordProblem(tx, 'problem.updated', await loadLockedProblem(tx, number), now);
    }
    return 'nobody-left';
  }

  const step = steps[reached.step - 1];
  const further = nextStep(steps.map((s) => ({ people: s.people })), area.escalationRepeat, reached);
  const nextAt = further ? now + step.waitMinutes * 60_000 : null;
  await updateEscalation(tx, { ...state, step: reached.step, round: reached.round, escalatedAt: now, nextAt });
  await touchProblem(tx, problem.id, now);
  if (nextAt !== null) await scheduleEscalation(tx, problem, nextAt, now);

  const why = by ? `${by.name} escalated now` : 'Nobody joined in time';
  const round = reached.round > 0 ? ` (repeat ${reached.round})` : '';
  const skipped = reached.skipped.length ? `; skipped step ${reached.skipped.join(', ')} (nobody in it)` : '';
  await addTimelineEntry(tx, events, routing, { kind: 'escalated', body: `${why}: escalated to step ${reached.step}${round}${skipped}`, by, at: now });
  await addTimelineEntry(tx, events, routing, { kind: 'alerted', body: `Alerted ${names(step.people)}`, by: null, at: now });
  const escalated = await loadLockedProblem(tx, number);
  await events.recordProblem(tx, 'problem.updated', escalated, now);
  await recordAlert(tx, events, escalated, { reason: 'escalated', step: reached.step, areaName: area.name, userIds: step.people.map((p) => p.id) }, now);
  return 'escalated';
}
