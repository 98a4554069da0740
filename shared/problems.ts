import { Type, type Static } from 'typebox';
import { ActorKind } from './accounts.ts';
import { AreaSlug } from './areas.ts';
import { ProblemEscalation } from './escalation.ts';
import { DEDUP_KEY_MAX, DETAILS_MAX, IDEMPOTENCY_KEY_MAX, PAGE_LIMIT_MAX, REASON_MAX, TITLE_MAX } from './limits.ts';
import { literalUnion } from './literal-union.ts';
import { DISMISS_REASONS, LEVELS, STATUSES } from './values/problems.ts';
export * from './values/problems.ts';

export const Level = literalUnion(LEVELS, {
  description: 'help: I need help, work goes on. stop: this must stop the line.',
});
export type Level = Static<typeof Level>;

export const Status = literalUnion(STATUSES);
export type Status = Static<typeof Status>;

export const RaisedBy = Type.Object({
  kind: ActorKind,
  id: Type.String(),
  name: Type.String(),
});
export type RaisedBy = Static<typeof RaisedBy>;

export const StatusChange = Type.Object({
  from: Type.Union([Status, Type.Null()]),
  to: Status,
  reason: Type.Union([Type.String(), Type.Null()]),
  by: RaisedBy,
  at: Type.String({ format: 'date-time' }),
});
export type StatusChange = Static<typeof StatusChange>;

export const SwarmMember = Type.Object({
  id: Type.String({ description: "The person's user id" }),
  name: Type.String(),
  joinedAt: Type.String({ format: 'date-time' }),
});
export type SwarmMember = Static<typeof SwarmMember>;

export const Problem = Type.Object(
  {
    id: Type.String(),
    number: Type.Integer({ description: 'Human-friendly number, shown as #42' }),
    title: Type.String(),
    details: Type.String(),
    area: Type.String({ description: "The area's slug" }),
    level: Level,
    status: Status,
    raisedBy: RaisedBy,
    raisedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    history: Type.Array(StatusChange, { description: 'Status changes, oldest first' }),
    // The swarm.
    swarm: Type.Array(SwarmMember, { description: 'Who is working the problem now, in the order they joined' }),
    lead: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: 'Who leads the swarm' }),
    firstRespondedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When somebody first joined the swarm' }),
    escalation: ProblemEscalation,
    // Pulls by machines.
    dedupKey: Type.Union([Type.String(), Type.Null()], { description: 'While this problem is open, pulls with the same key in its area update it instead of raising another' }),
    recurrenceOf: Type.Union([Type.Integer(), Type.Null()], { description: 'The number of the earlier problem with the same key: this is the same thing happening again' }),
    firingAlerts: Type.Union([Type.Integer(), Type.Null()], { description: 'Raised from an alert group: how many of its alerts are firing now' }),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;

export const RaiseProblemBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX, description: 'What did you see? 1–200 characters after trimming' }),
    details: Type.Optional(Type.String({ maxLength: DETAILS_MAX })),
    area: Type.Optional(AreaSlug),
    level: Type.Optional(Level),
    dedupKey: Type.Optional(Type.String({
      minLength: 1, maxLength: DEDUP_KEY_MAX,
      description: 'While a problem with this key is open in the area, the pull answers that problem (200) instead of raising another',
    })),
  },
  { additionalProperties: false },
);
export type RaiseProblemBody = Static<typeof RaiseProblemBody>;

// Lower-case because Node lower-cases header names before they are validated.
export const RaiseProblemHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX, pattern: '^[\\x21-\\x7E]+$',
    description: `Idempotency-Key: 1–${IDEMPOTENCY_KEY_MAX} visible ASCII characters, unique per pull (e.g. a UUID)`,
  })),
});

export const UpdateProblemBody = Type.Object(
  {
    status: Type.Optional(Status),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: REASON_MAX })),
    level: Type.Optional(Level),
    area: Type.Optional(AreaSlug),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: TITLE_MAX })),
    details: Type.Optional(Type.String({ maxLength: DETAILS_MAX })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProblemBody = Static<typeof UpdateProblemBody>;

export const ListProblemsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Status, Type.Literal('open')])),
    area: Type.Optional(AreaSlug),
    level: Type.Optional(Level),
    updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'Only problems changed at or after this time' })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX })),
  },
  { additionalProperties: false },
);
export type ListProblemsQuery = Static<typeof ListProblemsQuery>;

export const ProblemList = Type.Object({
  items: Type.Array(Problem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  seq: Type.Integer({
    minimum: 0,
    description: 'The newest event seq when the list was read: a live connection opened with ?since= this seq misses no change made after it',
  }),
});
export type ProblemList = Static<typeof ProblemList>;

export const ProblemParams = Type.Object({ number: Type.Integer({ minimum: 1 }) });

export const DismissReason = literalUnion(DISMISS_REASONS);
export type DismissReason = Static<typeof DismissReason>;

/** `POST /api/problems/:number/status`: dismissing needs a reason (a duplicate names the problem, `other` says why). */
export const ChangeStatusBody = Type.Object(
  {
    status: Status,
    reason: Type.Optional(DismissReason),
    duplicateOf: Type.Optional(Type.Integer({ minimum: 1, description: 'With reason `duplicate`: the number of the problem this repeats' })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: REASON_MAX, description: 'With reason `other`: why' })),
  },
  { additionalProperties: false },
);
export type ChangeStatusBody = Static<typeof ChangeStatusBody>;

export const LeadBody = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type LeadBody = Static<typeof LeadBody>;

export const Presence = Type.Object({
  problemNumber: Type.Integer(),
  people: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), seenAt: Type.String({ format: 'date-time' }) })),
});
export type Presence = Static<typeof Presence>;
