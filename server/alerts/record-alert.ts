import type { ProblemAlert } from '../../shared/alerts.ts';
import type { Problem } from '../../shared/problems.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';

/**
 * Records whom a problem concerns now, as an event in the caller's transaction, so every instance
 * and every tab of theirs alerts the same people. The person who pulled is not alerted of their own pull.
 */
export async function recordAlert(
  tx: Tx,
  events: EventLog,
  problem: Problem,
  alert: { reason: ProblemAlert['reason']; step: number | null; areaName: string; userIds: readonly string[] },
  at: number,
): Promise<void> {
  const puller = problem.raisedBy.kind === 'user' ? problem.raisedBy.id : null;
  const userIds = [...new Set(alert.userIds)].filter((id) => id !== puller);
  if (userIds.length === 0) return;
  const data: ProblemAlert = {
    problemNumber: problem.number, title: problem.title, area: problem.area, areaName: alert.areaName, level: problem.level,
    pulledBy: problem.raisedBy.name, reason: alert.reason, step: alert.step, userIds,
  };
  await events.record(tx, 'problem.alerted', { problemId: problem.id, problemNumber: problem.number, areaSlug: problem.area }, data, at);
}
