// What the browser needs of this capability at run time, free of TypeBox: its schemas (../timeline.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import { DETAILS_MAX } from '../limits.ts';

/** What people write on a problem's timeline, each with its own look. */
export const ENTRY_KINDS = ['observation', 'hypothesis', 'experiment', 'result', 'action', 'note'] as const;
/** What the timeline records by itself. */
/** `alert-sent`: a chat tool or other receiver took a webhook's alert (kept apart so webhooks are not told of it). */
export const SYSTEM_ENTRY_KINDS = ['joined', 'left', 'lead', 'escalated', 'alerted', 'alert-sent', 'status'] as const;
export const TIMELINE_KINDS = [...ENTRY_KINDS, ...SYSTEM_ENTRY_KINDS] as const;

export const ENTRY_BODY_MAX = DETAILS_MAX;
