// What the browser needs of this capability at run time, free of TypeBox: its schemas (../problems.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).

export const LEVELS = ['help', 'stop'] as const;

export const STATUSES = ['raised', 'swarming', 'contained', 'resolved', 'learned', 'dismissed'] as const;
/** Still to be worked: what the board shows in its own columns and `?status=open` lists. */
export const OPEN_STATUSES = ['raised', 'swarming', 'contained'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** How long a resolved problem stays on the board, so a team sees what it just fixed. */
export const RESOLVED_WINDOW_HOURS = 24;
export const RESOLVED_WINDOW_MS = RESOLVED_WINDOW_HOURS * 3_600_000;

export const DISMISS_REASONS = ['duplicate', 'not-a-problem', 'other'] as const;

/** Who has the problem page open: seen within PRESENCE_WINDOW_MS. */
export const PRESENCE_WINDOW_MS = 45_000;
export const PRESENCE_HEARTBEAT_MS = 20_000;
