import { Type, type Static } from 'typebox';
import { AreaSlug } from './areas.ts';
import { NAME_MAX, SLUG_PATTERN, TITLE_MAX } from './limits.ts';
import { literalUnion } from './literal-union.ts';
import { FOLLOW_UP_TEXT_MAX, FOLLOW_UPS_MAX, LEARNING_FIELD_MAX, SEARCH_QUERY_MAX, SUGGESTIONS_MAX, SUGGESTIONS_SHOWN_MAX, TAG_MAX, TAGS_MAX } from './values/learnings.ts';
export * from './values/learnings.ts';

export const LEARNING_STATES = ['draft', 'published'] as const;
export const LearningState = literalUnion(LEARNING_STATES);
export type LearningState = Static<typeof LearningState>;

const Markdown = (description: string) => Type.String({ maxLength: LEARNING_FIELD_MAX, description: `${description} (Markdown, up to ${LEARNING_FIELD_MAX} characters)` });
export const Tag = Type.String({ minLength: 1, maxLength: TAG_MAX, pattern: SLUG_PATTERN, description: 'lower-case words joined by hyphens' });
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A day, YYYY-MM-DD' });

export const FollowUpInput = Type.Object(
  {
    /** Keeps an existing follow-up (and whether it is done); omit for a new one. */
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    text: Type.String({ minLength: 1, maxLength: FOLLOW_UP_TEXT_MAX }),
    ownerId: Type.String({ minLength: 1, maxLength: 100, description: 'The user who owns it' }),
    dueOn: DateOnly,
  },
  { additionalProperties: false },
);
export type FollowUpInput = Static<typeof FollowUpInput>;

export const LearningContent = {
  title: Type.String({ minLength: 1, maxLength: TITLE_MAX }),
  summary: Markdown('What happened'),
  expected: Markdown('What was expected instead'),
  cause: Markdown('Why it happened'),
  changes: Markdown('What was changed'),
  detection: Markdown('How to see it sooner next time'),
  tags: Type.Array(Tag, { maxItems: TAGS_MAX, uniqueItems: true }),
};

export const SaveLearningBody = Type.Object(
  { ...LearningContent, followUps: Type.Optional(Type.Array(FollowUpInput, { maxItems: FOLLOW_UPS_MAX })) },
  { additionalProperties: false },
);
export type SaveLearningBody = Static<typeof SaveLearningBody>;

const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const FollowUp = Type.Object({
  id: Type.String(),
  text: Type.String(),
  owner: Person,
  dueOn: Type.String(),
  doneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  overdue: Type.Boolean(),
});
export type FollowUp = Static<typeof FollowUp>;

export const LearningRevision = Type.Object({
  revision: Type.Integer(),
  ...LearningContent,
  editedBy: Type.String(),
  at: Type.String({ format: 'date-time' }),
});
export type LearningRevision = Static<typeof LearningRevision>;

export const Spread = Type.Object({
  acknowledged: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), at: Type.String({ format: 'date-time' }) })),
  /** Who counts, see README "Learnings": the area's responders, its escalation path and everyone who swarmed one of its problems. */
  members: Type.Integer(),
  membersAcknowledged: Type.Integer(),
  /** membersAcknowledged / members, 0–1 (0 when the area has no members). */
  share: Type.Number(),
});
export type Spread = Static<typeof Spread>;

export const Learning = Type.Object(
  {
    id: Type.String(),
    problemNumber: Type.Integer(),
    area: Type.String(),
    state: LearningState,
    ...LearningContent,
    followUps: Type.Array(FollowUp),
    revision: Type.Integer({ description: '0 while a draft; 1 on publishing, one more on each later edit' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    recurrences: Type.Integer({ description: 'Problems linked to it as "this happened before"' }),
    suggestionOpens: Type.Integer({ description: 'How often it was opened from a suggestion' }),
    acknowledgedByMe: Type.Boolean(),
  },
  { $id: 'Learning' },
);
export type Learning = Static<typeof Learning>;

export const LearningDetail = Type.Object({
  learning: Learning,
  spread: Spread,
  revisions: Type.Array(LearningRevision, { description: 'Every published version, oldest first' }),
  recurrences: Type.Array(Type.Object({ number: Type.Integer(), title: Type.String(), at: Type.String({ format: 'date-time' }) })),
});
export type LearningDetail = Static<typeof LearningDetail>;

/** What the capture form starts from, taken from the problem and its timeline. */
export const LearningPrefill = Type.Object({
  title: Type.String(),
  summary: Type.String(),
  cause: Type.String({ description: 'The confirmed hypotheses' }),
  changes: Type.String({ description: 'The actions' }),
});
export type LearningPrefill = Static<typeof LearningPrefill>;

export const ProblemLearning = Type.Object({
  learning: Type.Union([Learning, Type.Null()]),
  prefill: LearningPrefill,
});
export type ProblemLearning = Static<typeof ProblemLearning>;

export const LearningParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const FollowUpParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), followUpId: Type.String({ minLength: 1, maxLength: 100 }) });
export const FollowUpDoneBody = Type.Object({ done: Type.Boolean() }, { additionalProperties: false });
export type FollowUpDoneBody = Static<typeof FollowUpDoneBody>;

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: SEARCH_QUERY_MAX, description: 'Words to look for; any punctuation is ignored' })),
    area: Type.Optional(AreaSlug),
    tag: Type.Optional(Tag),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SuggestQuery = Type.Object(
  { q: Type.String({ maxLength: SEARCH_QUERY_MAX }) },
  { additionalProperties: false },
);
export type SuggestQuery = Static<typeof SuggestQuery>;

/** Snippet text in pieces: `hit` pieces are the words that matched (rendered as <mark>, never as HTML). */
export const SnippetPart = Type.Object({ text: Type.String(), hit: Type.Boolean() });
export type SnippetPart = Static<typeof SnippetPart>;

export const SearchHit = Type.Object({
  id: Type.String(),
  problemNumber: Type.Integer(),
  area: Type.String(),
  title: Type.Array(SnippetPart),
  snippet: Type.Array(SnippetPart),
  tags: Type.Array(Type.String()),
  publishedAt: Type.String({ format: 'date-time' }),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResults = Type.Object({ items: Type.Array(SearchHit), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type SearchResults = Static<typeof SearchResults>;

export const Suggestion = Type.Object({ id: Type.String(), problemNumber: Type.Integer(), title: Type.String(), area: Type.String() });
export const Suggestions = Type.Object({ items: Type.Array(Suggestion, { maxItems: SUGGESTIONS_MAX }) });
export type Suggestions = Static<typeof Suggestions>;

export const SuggestionsShownBody = Type.Object(
  {
    learningIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1, maxItems: SUGGESTIONS_SHOWN_MAX, uniqueItems: true,
      description: 'The learnings a page showed as suggestions during this visit',
    }),
  },
  { additionalProperties: false },
);
export type SuggestionsShownBody = Static<typeof SuggestionsShownBody>;

export const RecurrenceBody = Type.Object({ learningId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type RecurrenceBody = Static<typeof RecurrenceBody>;

/** The signed-in person's home: follow-ups they own that are not done, and published learnings they have not acknowledged. */
export const MyLearnings = Type.Object({
  followUps: Type.Array(Type.Object({ ...FollowUp.properties, learningId: Type.String(), learningTitle: Type.String() })),
  unread: Type.Array(Suggestion),
});
export type MyLearnings = Static<typeof MyLearnings>;

export const OverdueFollowUps = Type.Object({ count: Type.Integer() });
export type OverdueFollowUps = Static<typeof OverdueFollowUps>;

export const CreatedFeedToken = Type.Object({ token: Type.String({ description: 'Shown once' }), path: Type.String({ description: 'The feed address, token included' }) });
export type CreatedFeedToken = Static<typeof CreatedFeedToken>;
export const FeedQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), area: Type.Optional(AreaSlug) });
export type FeedQuery = Static<typeof FeedQuery>;

export const LearningPublishedData = Type.Object({ id: Type.String(), problemNumber: Type.Integer(), area: Type.String(), title: Type.String(), revision: Type.Integer() });
export type LearningPublishedData = Static<typeof LearningPublishedData>;

/** The data of a `learning.alerted` event: the quiet in-app notice of a published learning, and whom it is for. */
export const LearningAlert = Type.Object({
  id: Type.String({ description: "The learning's id" }),
  problemNumber: Type.Integer(),
  title: Type.String(),
  area: Type.String({ description: "The area's slug" }),
  areaName: Type.String(),
  tags: Type.Array(Type.String()),
  publishedBy: Type.String(),
  userIds: Type.Array(Type.String(), { description: "The people told: the area's members and followers, and the followers of its tags" }),
  /** Of `userIds`, those told only because they follow one of its tags. */
  tagFollowerIds: Type.Array(Type.String()),
});
export type LearningAlert = Static<typeof LearningAlert>;

/** A learning is not spreading while fewer than this share (in %) of its area's members acknowledged it. */
export const SPREADING_PERCENT = 50;
/** The lead's view lists this many of an area's learnings that are not spreading, the oldest. */
export const NOT_SPREADING_PER_AREA = 20;

export const NotSpreadingLearning = Type.Object({
  id: Type.String(),
  problemNumber: Type.Integer(),
  title: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  membersAcknowledged: Type.Integer(),
  /** membersAcknowledged / the area's members, 0–1. */
  share: Type.Number(),
  notAcknowledged: Type.Array(Person, { description: "The area's members who have not acknowledged it yet, by name" }),
});
export type NotSpreadingLearning = Static<typeof NotSpreadingLearning>;

export const NotSpreading = Type.Object({
  percent: Type.Integer({ description: "Listed: learnings fewer than this % of whose area's members acknowledged" }),
  areas: Type.Array(Type.Object({
    area: Type.String({ description: "The area's slug" }),
    areaName: Type.String(),
    members: Type.Integer({ description: "Who counts for the spread, see Spread" }),
    count: Type.Integer({ description: 'How many of its published learnings are not spreading' }),
    learnings: Type.Array(NotSpreadingLearning, { maxItems: NOT_SPREADING_PER_AREA, description: 'The oldest of them first' }),
  })),
});
export type NotSpreading = Static<typeof NotSpreading>;

export const PERSON_NAME_MAX = NAME_MAX;
