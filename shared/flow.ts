import { Type, type Static } from 'typebox';
import type { ActorKind } from './accounts.ts';
import { AreaSlug } from './areas.ts';
import { LEVELS } from './problems.ts';
import { literalUnion } from './literal-union.ts';
import { FLOW_PERIOD_DEFAULT_DAYS, PULL_SOURCES, TARGET_BUCKETS } from './values/flow.ts';
export * from './values/flow.ts';

export const PullSource = literalUnion(PULL_SOURCES);
export type PullSource = Static<typeof PullSource>;

const SOURCE_OF_KIND: Readonly<Record<ActorKind, PullSource>> = { user: 'person', token: 'api', link: 'pull-link', integration: 'integration' };
export const pullSourceOf = (kind: ActorKind): PullSource => SOURCE_OF_KIND[kind];

export const DISMISS_REASON_KINDS = ['duplicate', 'not-a-problem', 'other'] as const;
export type DismissReasonKind = (typeof DISMISS_REASON_KINDS)[number];

/** The figures with a CSV export of their own: `GET /api/flow/<figure>.csv`. */
export const FLOW_FIGURES = ['pulls', 'times', 'distribution', 'escalations', 'dismissed', 'recurrence', 'suggestions', 'spread', 'follow-ups'] as const;
export const FlowFigure = literalUnion(FLOW_FIGURES);
export type FlowFigure = Static<typeof FlowFigure>;

export const FlowQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: `Start of the period (inclusive); default ${FLOW_PERIOD_DEFAULT_DAYS} days before \`to\`` })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End of the period (exclusive); default now' })),
    area: Type.Optional(AreaSlug),
  },
  { additionalProperties: false },
);
export type FlowQuery = Static<typeof FlowQuery>;

export const FlowFigureParams = Type.Object({ figure: FlowFigure });

const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'null when there is nothing to share out' });
const Ms = Type.Union([Type.Integer(), Type.Null()]);

export const FlowSpan = Type.Object({
  count: Type.Integer({ description: 'Problems pulled in the period that reached this point' }),
  medianMs: Ms,
  p90Ms: Ms,
  withinTarget: Type.Union([
    Type.Object({
      count: Type.Integer({ description: 'Reached within the response target' }),
      of: Type.Integer({ description: 'Reached, or not reached with the target passed' }),
      share: Share,
    }),
    Type.Null(),
  ], { description: 'null for learn, which has no target' }),
});
export type FlowSpan = Static<typeof FlowSpan>;

export const FlowSpans = Type.Object({ respond: FlowSpan, contain: FlowSpan, resolve: FlowSpan, learn: FlowSpan });
export type FlowSpans = Static<typeof FlowSpans>;

const Counts = <T extends readonly string[]>(keys: T) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, Type.Integer()])) as Record<T[number], ReturnType<typeof Type.Integer>>);
const LevelCounts = Counts(LEVELS);
const SourceCounts = Counts(PULL_SOURCES);
const BucketCounts = Counts(TARGET_BUCKETS);

export const FlowPulls = Type.Object({
  total: Type.Integer(),
  byLevel: LevelCounts,
  bySource: SourceCounts,
});
export type FlowPulls = Static<typeof FlowPulls>;

export const FlowWeek = Type.Object({
  start: Type.String({ format: 'date-time', description: 'Weeks are counted from the start of the period' }),
  ...FlowPulls.properties,
});
export type FlowWeek = Static<typeof FlowWeek>;

export const FlowEscalations = Type.Object({
  problems: Type.Integer({ description: 'Problems pulled in the period with a countdown' }),
  escalated: Type.Integer(),
  share: Share,
  byStep: Type.Array(Type.Object({ step: Type.Integer({ description: 'The furthest step reached (1-based)' }), count: Type.Integer() })),
  repeated: Type.Integer({ description: 'Escalations that ran the path again at least once' }),
});
export type FlowEscalations = Static<typeof FlowEscalations>;

export const FlowDismissed = Type.Object({
  count: Type.Integer(),
  share: Share,
  byReason: Counts(DISMISS_REASON_KINDS),
});
export type FlowDismissed = Static<typeof FlowDismissed>;

export const FlowDistribution = Type.Object({ respond: BucketCounts, contain: BucketCounts, resolve: BucketCounts });
export type FlowDistribution = Static<typeof FlowDistribution>;

/** How many learnings each scope names among those that recurred most. */
export const FLOW_TOP_LEARNINGS = 5;

export const FlowRecurrence = Type.Object({
  problems: Type.Integer({ description: 'Problems pulled in the period that were linked as a recurrence of an earlier learning' }),
  share: Share,
  learnings: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    problemNumber: Type.Integer({ description: 'The problem the learning was made from' }),
    area: Type.String({ description: "The learning's own area, which may not be where it recurred" }),
    count: Type.Integer({ description: 'Problems pulled in the period (and in this scope) linked to it' }),
  }), { maxItems: FLOW_TOP_LEARNINGS, description: 'The learnings that recurred most, most first' }),
}, { description: 'Counted by the area where the problem recurred; share is of the pulls' });
export type FlowRecurrence = Static<typeof FlowRecurrence>;

export const FlowSuggestions = Type.Object({
  shown: Type.Integer({ description: "Times one of the scope's learnings was suggested to a person in the period, once per person and day" }),
  opened: Type.Integer({ description: 'Of those, how many the person opened' }),
  share: Share,
});
export type FlowSuggestions = Static<typeof FlowSuggestions>;

export const FlowSpread = Type.Object({
  learnings: Type.Integer({ description: 'Learnings published in the period' }),
  members: Type.Integer({ description: 'Members of the areas of those learnings (responders, escalation path, anyone who swarmed one of its problems); each person once' }),
  acknowledged: Type.Integer({ description: "Acknowledgements of those learnings by their own area's members, until now" }),
  of: Type.Integer({ description: 'Acknowledgements there would be if every member had acknowledged every learning of their area' }),
  share: Share,
});
export type FlowSpread = Static<typeof FlowSpread>;

export const FlowFollowUps = Type.Object({
  total: Type.Integer({ description: 'Follow-up actions of the learnings published in the period' }),
  done: Type.Integer(),
  open: Type.Integer({ description: 'Not done yet, overdue ones included' }),
  overdue: Type.Integer({ description: 'Not done, and their day has passed (UTC)' }),
});
export type FlowFollowUps = Static<typeof FlowFollowUps>;

/** The figures of one scope: an area, or all of them. */
export const FlowFigures = Type.Object({
  pulls: FlowPulls,
  weeks: Type.Array(FlowWeek),
  times: FlowSpans,
  distribution: FlowDistribution,
  escalations: FlowEscalations,
  dismissed: FlowDismissed,
  recurrence: FlowRecurrence,
  suggestions: FlowSuggestions,
  spread: FlowSpread,
  followUps: FlowFollowUps,
});
export type FlowFigures = Static<typeof FlowFigures>;

export const FlowReport = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    area: Type.Union([Type.String(), Type.Null()], { description: 'The area asked for, or null for all' }),
    all: FlowFigures,
    areas: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), responseTargetMinutes: Type.Integer(), ...FlowFigures.properties })),
  },
  { $id: 'FlowReport' },
);
export type FlowReport = Static<typeof FlowReport>;
