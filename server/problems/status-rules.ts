import type { Status } from '../../shared/problems.ts';

// Work moves forward; a problem can go back a step when containment or a fix did not hold,
// and a resolved or dismissed problem can be reopened.
const NEXT: Record<Status, readonly Status[]> = {
  raised: ['swarming', 'contained', 'resolved', 'dismissed'],
  swarming: ['raised', 'contained', 'resolved', 'dismissed'],
  contained: ['swarming', 'resolved', 'dismissed'],
  resolved: ['learned', 'swarming'],
  learned: [],
  dismissed: ['raised'],
};

export function canMove(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

export function allowedMoves(from: Status): readonly Status[] {
  return NEXT[from];
}
