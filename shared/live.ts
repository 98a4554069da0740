// The /api/live websocket protocol, both directions. Bump LIVE_PROTOCOL on any breaking change.
//
// The server first sends `welcome` with the newest seq. Without a cursor, events after that seq follow.
// With `?since=N` (or a first `hello {since: N}`), every event after N follows, in order, each once,
// then live ones; if N cannot be resumed from, `reset` comes instead: refetch over HTTP, events
// continue after its seq. `subscribe` narrows what follows (areas and/or one problem); `subscribe {}`
// widens back to everything. Event `seq`s are global: a narrowed stream skips numbers.
import { Type, type Static, type TSchema } from 'typebox';
import { ProblemAlert } from './alerts.ts';
import { AreaSlug } from './areas.ts';
import { LearningAlert, LearningPublishedData } from './learnings.ts';
import { literalUnion } from './literal-union.ts';
import { Presence, Problem } from './problems.ts';
import { TimelineEntry } from './timeline.ts';

export const LIVE_PROTOCOL = 1;
export const LIVE_MAX_FRAME_BYTES = 64 * 1024;

/** `GET /api/live?since=N` resumes after event N: digits only (no sign, exponent or blank), below 10^15. */
export const LiveQuery = Type.Object({
  since: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'Resume after this event seq' })),
});
export type LiveQuery = Static<typeof LiveQuery>;

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

/**
 * Why the server cannot resume from a cursor: it is older than the oldest kept event, ahead of the
 * newest, or (`resume_conflict`) a `hello` asked to rewind after events already flowed on this connection.
 * The client refetches over HTTP; events continue after the reset's `seq`.
 */
export type ResetReason = 'cursor_too_old' | 'cursor_ahead' | 'resume_conflict';

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

/** Whose connections to check again: a person's (all their sessions) and/or API tokens. */
export interface AccessEnded {
  userId?: string;
  tokenIds?: string[];
}

/** An `event` frame: one of `names`, with `data` of one shape. Every event on the stream has this form. */
function liveEventOf<const Names extends readonly string[], Data extends TSchema>(names: Names, data: Data) {
  return Type.Object({
    type: Type.Literal('event'),
    seq: Type.Integer({ minimum: 1 }),
    name: literalUnion(names),
    at: Type.String({ format: 'date-time' }),
    data,
  });
}

export const ProblemEvent = liveEventOf(PROBLEM_EVENT_NAMES, Problem);
export type ProblemEvent = Static<typeof ProblemEvent>;

export const TimelineEvent = liveEventOf(TIMELINE_EVENT_NAMES, TimelineEntry);
export type TimelineEvent = Static<typeof TimelineEvent>;

export const PresenceEvent = liveEventOf(PRESENCE_EVENT_NAMES, Presence);
export type PresenceEvent = Static<typeof PresenceEvent>;

export const LearningEvent = liveEventOf(LEARNING_EVENT_NAMES, LearningPublishedData);
export type LearningEvent = Static<typeof LearningEvent>;

export const AlertEvent = liveEventOf(ALERT_EVENT_NAMES, ProblemAlert);
export type AlertEvent = Static<typeof AlertEvent>;

export const LearningAlertEvent = liveEventOf(LEARNING_ALERT_EVENT_NAMES, LearningAlert);
export type LearningAlertEvent = Static<typeof LearningAlertEvent>;

export const LiveEvent = Type.Union([ProblemEvent, TimelineEvent, PresenceEvent, LearningEvent, AlertEvent, LearningAlertEvent]);
export type LiveEvent = Static<typeof LiveEvent>;

export function isProblemEvent(event: LiveEvent): event is ProblemEvent {
  return (PROBLEM_EVENT_NAMES as readonly string[]).includes(event.name);
}

export function isAlertEvent(event: LiveEvent): event is AlertEvent {
  return (ALERT_EVENT_NAMES as readonly string[]).includes(event.name);
}

export function isLearningAlertEvent(event: LiveEvent): event is LearningAlertEvent {
  return (LEARNING_ALERT_EVENT_NAMES as readonly string[]).includes(event.name);
}

/** Server → client. */
export type ServerMessage =
  | { type: 'welcome'; protocol: number; seq: number }
  | LiveEvent
  | { type: 'reset'; seq: number; reason: ResetReason }
  | { type: 'subscribed'; areas: string[] | null; problem: number | null }
  | { type: 'pong'; nonce?: string };

/** Client → server. */
export const ClientMessage = Type.Union([
  Type.Object(
    {
      type: Type.Literal('hello'),
      protocol: Type.Literal(LIVE_PROTOCOL),
      since: Type.Optional(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('subscribe'),
      // Omit both to follow everything again.
      areas: Type.Optional(Type.Array(AreaSlug, { maxItems: 500 })),
      problem: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('ping'), nonce: Type.Optional(Type.String({ maxLength: 100 })) },
    { additionalProperties: false },
  ),
]);
export type ClientMessage = Static<typeof ClientMessage>;
