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
import { ALERT_EVENT_NAMES, LEARNING_ALERT_EVENT_NAMES, LEARNING_EVENT_NAMES, LIVE_PROTOCOL, PRESENCE_EVENT_NAMES, PROBLEM_EVENT_NAMES, TIMELINE_EVENT_NAMES } from './values/live.ts';
export * from './values/live.ts';

/** `GET /api/live?since=N` resumes after event N: digits only (no sign, exponent or blank), below 10^15. */
export const LiveQuery = Type.Object({
  since: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'Resume after this event seq' })),
});
export type LiveQuery = Static<typeof LiveQuery>;

/**
 * Why the server cannot resume from a cursor: it is older than the oldest kept event, ahead of the
 * newest, or (`resume_conflict`) a `hello` asked to rewind after events already flowed on this connection.
 * The client refetches over HTTP; events continue after the reset's `seq`.
 */
export type ResetReason = 'cursor_too_old' | 'cursor_ahead' | 'resume_conflict';

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
