import type { Level, Problem, Status } from '../../../shared/problems.ts';
import { canMove } from '../../../shared/status-lifecycle.ts';

export const STATUS_LABEL: Record<Status, string> = {
  raised: 'Raised',
  swarming: 'Swarming',
  contained: 'Contained',
  resolved: 'Resolved',
  learned: 'Learned',
  dismissed: 'Dismissed',
};

export const LEVEL_LABEL: Record<Level, string> = { help: 'Help', stop: 'Stop' };

export const LEVEL_MEANING: Record<Level, string> = {
  help: 'I need help, work goes on',
  stop: 'This must stop the line',
};

export interface Move {
  to: Status;
  label: string;
}

// What each status button says, the usual next step first. Which moves exist is the shared
// lifecycle's call; this only words them. Not every allowed move is a button: dismissing has its own
// form because it needs a reason, "learned" belongs to publishing a learning, and swarming → raised
// is left to the API.
const BUTTONS: Record<Status, Partial<Record<Status, string>>> = {
  raised: { swarming: 'Start swarming', contained: 'Contained', resolved: 'Resolved' },
  swarming: { contained: 'Contained', resolved: 'Resolved' },
  contained: { resolved: 'Resolved', swarming: 'Back to swarming' },
  resolved: { swarming: 'Reopen' },
  learned: {},
  dismissed: { raised: 'Reopen' },
};

/** The status buttons for a problem: only moves the server accepts, so none of them can be refused. */
export function statusButtons(from: Status): Move[] {
  return (Object.entries(BUTTONS[from]) as [Status, string][])
    .filter(([to]) => canMove(from, to))
    .map(([to, label]) => ({ to, label }));
}

/** When the problem last moved to resolved; null if it never did. */
export function resolvedAt(problem: Problem): string | null {
  for (let i = problem.history.length - 1; i >= 0; i--) {
    if (problem.history[i].to === 'resolved') return problem.history[i].at;
  }
  return problem.status === 'resolved' ? problem.updatedAt : null;
}
