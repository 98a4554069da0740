// What the browser needs of this capability at run time, free of TypeBox: its schemas (../live.ts) are
// built from these and re-export them, and the web imports them from here (eslint.config.js).
import type { AlertEvent, LearningAlertEvent, LiveEvent, ProblemEvent } from '../live.ts';

export const LIVE_PROTOCOL = 1;
export const LIVE_MAX_FRAME_BYTES = 64 * 1024;

/** Close codes the server uses on /api/live. 1001 means "reconnect and resume"; 1003/1007/1008/1009 mean "fix the client". */
export const LIVE_CLOSE = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  /** The caller's session or token ended (signed out elsewhere, deactivated, password changed): sign in again. */
  accessEnded: 4401,
} as const;

/** Events whose data is the whole problem, as it is after the change: what boards follow. */
export const PROBLEM_EVENT_NAMES = ['problem.raised', 'problem.updated'] as const;
/** Events whose data is one timeline entry (kept small: not the whole problem). */
export const TIMELINE_EVENT_NAMES = ['timeline.added', 'timeline.edited'] as const;
/** Somebody opened the problem page: data is who is present now. */
export const PRESENCE_EVENT_NAMES = ['presence.changed'] as const;
/**
 * Sessions or tokens ended (data: `AccessEnded`). Never sent to clients: every instance's hub reads
 * it from the log and closes the connections whose session or token no longer holds.
 */
export const ACCESS_ENDED = 'access.ended';
/** A problem's learning was published, or edited after publishing: data names it (fetch the rest over HTTP). */
export const LEARNING_EVENT_NAMES = ['learning.published', 'learning.edited'] as const;
/** A problem concerns some people now (raised, or escalated to them): data says whom, for their in-app alert. */
export const ALERT_EVENT_NAMES = ['problem.alerted'] as const;
/** A learning was published: data says whom to tell of it, with a quiet notice (not a pull's alert). */
export const LEARNING_ALERT_EVENT_NAMES = ['learning.alerted'] as const;
export const EVENT_NAMES = [
  ...PROBLEM_EVENT_NAMES, ...TIMELINE_EVENT_NAMES, ...PRESENCE_EVENT_NAMES, ...LEARNING_EVENT_NAMES, ...ALERT_EVENT_NAMES, ...LEARNING_ALERT_EVENT_NAMES, ACCESS_ENDED,
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isProblemEvent(event: LiveEvent): event is ProblemEvent {
  return (PROBLEM_EVENT_NAMES as readonly string[]).includes(event.name);
}

export function isAlertEvent(event: LiveEvent): event is AlertEvent {
  return (ALERT_EVENT_NAMES as readonly string[]).includes(event.name);
}

export function isLearningAlertEvent(event: LiveEvent): event is LearningAlertEvent {
  return (LEARNING_ALERT_EVENT_NAMES as readonly string[]).includes(event.name);
}
