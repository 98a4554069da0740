// Which status a problem may move to from each status. The server refuses any other move; the web
// offers buttons only for these, so the two cannot disagree.
import type { Status } from './problems.ts';
import { OPEN_STATUSES, type OpenStatus } from './values/problems.ts';

// Work moves forward and may skip ahead; a problem can go back a step when containment or a fix did
// not hold, and a resolved or dismissed problem can be reopened.
export const STATUS_MOVES: Readonly<Record<Status, readonly Status[]>> = {
  raised: ['swarming', 'contained', 'resolved', 'dismissed'],
  swarming: ['raised', 'contained', 'resolved', 'dismissed'],
  contained: ['swarming', 'resolved', 'dismissed'],
  resolved: ['learned', 'swarming'],
  learned: [],
  dismissed: ['raised'],
};

export function canMove(from: Status, to: Status): boolean {
  return STATUS_MOVES[from].includes(to);
}

export function allowedMoves(from: Status): readonly Status[] {
  return STATUS_MOVES[from];
}

export function isOpenStatus(status: Status): status is OpenStatus {
  return (OPEN_STATUSES as readonly Status[]).includes(status);
}
