// The pure core of every live view: a map of problems by number plus the last event seq applied.
// Events carry the whole problem, so applying one is "replace if not older".
import type { ProblemEvent } from '../../../shared/live.ts';
import type { Problem } from '../../../shared/problems.ts';

export interface ProblemMap {
  /** The last event seq applied; events at or below it were already seen. */
  readonly seq: number;
  readonly byNumber: ReadonlyMap<number, Problem>;
}

export const emptyProblemMap: ProblemMap = { seq: 0, byNumber: new Map() };

/** Whether a problem belongs on this page (a subscription to one problem or some areas); all by default. */
export type Follows = (problem: Problem) => boolean;
const followsAll: Follows = () => true;

export interface Applied {
  state: ProblemMap;
  /** False when the event was a repeat (seq already seen) or older than what we hold. */
  changed: boolean;
  /** True when this problem was not in the map before: a new pull on the board. */
  added: boolean;
}

function isOlder(candidate: Problem, held: Problem | undefined): boolean {
  return held !== undefined && Date.parse(candidate.updatedAt) < Date.parse(held.updatedAt);
}

export function applyEvent(state: ProblemMap, event: ProblemEvent, follows: Follows = followsAll): Applied {
  if (event.seq <= state.seq) return { state, changed: false, added: false };
  const held = state.byNumber.get(event.data.number);
  const unchanged = { state: { seq: event.seq, byNumber: state.byNumber }, changed: false, added: false };
  if (isOlder(event.data, held)) return unchanged;
  if (!follows(event.data)) {
    // Not this page's (the stream is wider until a subscription takes hold), or it just moved out of
    // the followed areas: a held copy leaves the page rather than stay behind, stale.
    if (!held) return unchanged;
    const byNumber = new Map(state.byNumber);
    byNumber.delete(event.data.number);
    return { state: { seq: event.seq, byNumber }, changed: true, added: false };
  }
  const byNumber = new Map(state.byNumber);
  byNumber.set(event.data.number, event.data);
  return { state: { seq: event.seq, byNumber }, changed: true, added: held === undefined };
}

/**
 * Replaces the map with a fresh HTTP snapshot, then re-applies the events that arrived while the
 * snapshot was loading (without their seq check, since the snapshot has no seq) — each only if it is
 * not older than the snapshot's copy of that problem.
 */
export function applySnapshot(
  state: ProblemMap,
  snapshot: readonly Problem[],
  arrivedWhileLoading: readonly ProblemEvent[],
  follows: Follows = followsAll,
): ProblemMap {
  const byNumber = new Map<number, Problem>();
  for (const problem of snapshot) {
    const held = byNumber.get(problem.number);
    if (!isOlder(problem, held)) byNumber.set(problem.number, problem);
  }
  for (const { data } of arrivedWhileLoading) {
    if (isOlder(data, byNumber.get(data.number))) continue;
    if (follows(data)) byNumber.set(data.number, data);
    else byNumber.delete(data.number);
  }
  return { seq: state.seq, byNumber };
}

/** A reset tells us where the server's sequence now stands, even if it went backwards. */
export function restartAt(state: ProblemMap, seq: number): ProblemMap {
  return { seq, byNumber: state.byNumber };
}
