import type { Level, Problem } from '../../../shared/problems.ts';
import { LEVELS, RESOLVED_WINDOW_MS, type OpenStatus } from '../../../shared/values/problems.ts';
import { isOpenStatus } from '../../../shared/status-lifecycle.ts';
import { resolvedAt } from '../problems/problem-words.ts';
import { byUrgency } from './board-urgency.ts';
import { compareText } from '../problems/compare-text.ts';

/** A column of the board: one per open status, and the recently resolved. */
export type Lane = OpenStatus | 'resolved';

export interface BoardFilters {
  area: string;
  level: Level | '';
}

export function readFilters(params: URLSearchParams): BoardFilters {
  const level = params.get('level');
  return { area: params.get('area') ?? '', level: LEVELS.find((known) => known === level) ?? '' };
}

export function matchesFilters(problem: Problem, filters: BoardFilters): boolean {
  return (!filters.area || problem.area === filters.area) && (!filters.level || problem.level === filters.level);
}

function laneOf(problem: Problem, now: number): Lane | null {
  if (isOpenStatus(problem.status)) return problem.status;
  if (problem.status === 'resolved' || problem.status === 'learned') {
    const at = resolvedAt(problem);
    if (at && now - Date.parse(at) < RESOLVED_WINDOW_MS) return 'resolved';
  }
  return null;
}

// Resolved ones are not waiting on anybody: the most recent fix first.
function byResolvedRecently(a: Problem, b: Problem): number {
  return compareText(resolvedAt(b) ?? '', resolvedAt(a) ?? '') || b.number - a.number;
}

export function boardLanes(problems: Iterable<Problem>, filters: BoardFilters, now: number): Record<Lane, Problem[]> {
  const lanes: Record<Lane, Problem[]> = { raised: [], swarming: [], contained: [], resolved: [] };
  for (const problem of problems) {
    if (!matchesFilters(problem, filters)) continue;
    const lane = laneOf(problem, now);
    if (lane) lanes[lane].push(problem);
  }
  const urgency = byUrgency(now);
  lanes.raised.sort(urgency);
  lanes.swarming.sort(urgency);
  lanes.contained.sort(urgency);
  lanes.resolved.sort(byResolvedRecently);
  return lanes;
}
