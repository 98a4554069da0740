import type { Level, Problem, Status } from '../../../shared/problems.ts';

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

export const OPEN: readonly Status[] = ['raised', 'swarming', 'contained'];

export function isOpen(status: Status): boolean {
  return OPEN.includes(status);
}

export interface Move {
  to: Status;
  label: string;
}

/**
 * The buttons for each status, the usual next step first. Mirrors the server's rules: work moves
 * forward, may skip ahead, can step back when a fix did not hold, and closed problems can reopen.
 * Dismissing (with a reason) is offered separately for every open problem.
 */
export const MOVES: Record<Status, readonly Move[]> = {
  raised: [
    { to: 'swarming', label: 'Start swarming' },
    { to: 'contained', label: 'Contained' },
    { to: 'resolved', label: 'Resolved' },
  ],
  swarming: [
    { to: 'contained', label: 'Contained' },
    { to: 'resolved', label: 'Resolved' },
  ],
  contained: [
    { to: 'resolved', label: 'Resolved' },
    { to: 'swarming', label: 'Back to swarming' },
  ],
  resolved: [{ to: 'swarming', label: 'Reopen' }],
  learned: [],
  dismissed: [{ to: 'raised', label: 'Reopen' }],
};

/** When the problem last moved to resolved; null if it never did. */
export function resolvedAt(problem: Problem): string | null {
  for (let i = problem.history.length - 1; i >= 0; i--) {
    if (problem.history[i].to === 'resolved') return problem.history[i].at;
  }
  return problem.status === 'resolved' ? problem.updatedAt : null;
}
