import { LEVELS, RESOLVED_WINDOW_MS, type Level, type OpenStatus, type Problem } from '../../../shared/problems.ts';
import { isOpenStatus } from '../../../shared/status-lifecycle.ts';
import { resolvedAt } from '../problems/problem-words.ts';

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

/**
 * A pull nobody has started swarming within its area's response target: the board says so, so that
 * a lead sees who is waiting too long.
 */
export function isPastTarget(problem: Problem, targetMinutes: number | undefined, now: number): boolean {
  return problem.status === 'raised' && targetMinutes !== undefined && now - Date.parse(problem.raisedAt) > targetMinutes * 60_000;
}

function laneOf(problem: Problem, now: number): Lane | null {
  if (isOpenStatus(problem.status)) return problem.status;
  if (problem.status === 'resolved' || problem.status === 'learned') {
    const at = resolvedAt(problem);
    if (at && now - Date.parse(at) < RESOLVED_WINDOW_MS) return 'resolved';
  }
  return null;
}

// Newest first, whatever the level: a fresh pull must land at the top where everyone sees it, not
// below a long list of older Stops (the red edge and label already make Stops stand out).
function newestFirst(a: Problem, b: Problem): number {
  return b.raisedAt.localeCompare(a.raisedAt) || b.number - a.number;
}

function byResolvedRecently(a: Problem, b: Problem): number {
  return (resolvedAt(b) ?? '').localeCompare(resolvedAt(a) ?? '') || b.number - a.number;
}

export function boardLanes(problems: Iterable<Problem>, filters: BoardFilters, now: number): Record<Lane, Problem[]> {
  const lanes: Record<Lane, Problem[]> = { raised: [], swarming: [], contained: [], resolved: [] };
  for (const problem of problems) {
    if (!matchesFilters(problem, filters)) continue;
    const lane = laneOf(problem, now);
    if (lane) lanes[lane].push(problem);
  }
  lanes.raised.sort(newestFirst);
  lanes.swarming.sort(newestFirst);
  lanes.contained.sort(newestFirst);
  lanes.resolved.sort(byResolvedRecently);
  return lanes;
}
