import type { Problem } from '../../../shared/problems.ts';
import { compareText } from '../problems/compare-text.ts';

type Urgent = Pick<Problem, 'number' | 'level' | 'status' | 'raisedAt' | 'escalation'>;

/**
 * How long past its response target a pull nobody has joined is, in ms; 0 while there is time or
 * once somebody swarms it. The target is the server's `responseDueAt`, which already halves it for
 * a Stop: the board never works it out again from the area's minutes.
 */
export function lateByMs(problem: Pick<Problem, 'status' | 'escalation'>, now: number): number {
  if (problem.status !== 'raised') return 0;
  return Math.max(0, now - Date.parse(problem.escalation.responseDueAt));
}

/** "12 min late", counted in whole minutes but never "0 min late" once it is late at all. */
export function lateText(lateMs: number): string {
  const minutes = Math.max(1, Math.floor(lateMs / 60_000));
  if (minutes < 60) return `${minutes} min late`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min late` : `${hours} h late`;
}

/**
 * The order of a column, most urgent first: a Stop before a Help, then those past their target,
 * then the longest waiting. The top of a column is what a wall screen shows when the rest does not
 * fit, so the pull that has waited longest must never sink below a fresh one.
 */
export function byUrgency(now: number): (a: Urgent, b: Urgent) => number {
  return (a, b) =>
    levelRank(a) - levelRank(b) ||
    Number(lateByMs(b, now) > 0) - Number(lateByMs(a, now) > 0) ||
    compareText(a.raisedAt, b.raisedAt) ||
    a.number - b.number;
}

function levelRank(problem: Urgent): number {
  return problem.level === 'stop' ? 0 : 1;
}
