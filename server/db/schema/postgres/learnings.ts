// Learnings: revisions, follow-ups, acknowledgements, recurrences, suggestions shown, feed tokens.
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { LEARNING_STATES } from '../columns.ts';
import { users } from './accounts.ts';
import { areas, problems } from './problems.ts';

/**
 * What a resolved problem taught: one per problem, a draft until published. Its words are indexed
 * for search by a generated tsvector column with a GIN index (a hand-written migration).
 */
export const learnings = pgTable(
  'learnings',
  {
    id: text('id').primaryKey(),
    // The search index's key for this row, from the `learnings` counter (never reused, unlike an implicit rowid).
    docId: bigint('doc_id', { mode: 'number' }).notNull().unique(),
    problemId: text('problem_id').notNull().unique().references(() => problems.id, { onDelete: 'cascade' }),
    areaId: text('area_id').notNull().references(() => areas.id),
    state: text('state', { enum: LEARNING_STATES }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    expected: text('expected').notNull(),
    cause: text('cause').notNull(),
    changes: text('changes').notNull(),
    detection: text('detection').notNull(),
    // Space-separated, each a slug: searchable as words, filtered as ` tag `.
    tags: text('tags').notNull(),
    revision: integer('revision').notNull().default(0),
    suggestionOpens: integer('suggestion_opens').notNull().default(0),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    publishedAt: bigint('published_at', { mode: 'number' }),
  },
  (t) => [
    index('learnings_published_idx').on(t.state, t.publishedAt),
    index('learnings_area_idx').on(t.areaId, t.publishedAt),
    // The flow measures read the learnings published in a period area by area, from the index alone.
    index('learnings_flow_idx').on(t.areaId, t.state, t.publishedAt, t.id),
    // What search filters a match by, from the index alone: looking each of a search's candidates up
    // in the table (rows of long text) cost more than finding them in the full-text index.
    index('learnings_candidates_idx').on(t.docId, t.state, t.areaId, t.publishedAt),
  ],
);

/**
 * Each word (lexeme) of each published learning's search vector, kept by triggers on `learnings`
 * (a hand-written migration): the newest learnings holding a word are its key range read backwards,
 * so search stops at its candidates instead of testing learnings for the words or visiting every match.
 */
export const learningWords = pgTable(
  'learning_words',
  {
    lexeme: text('lexeme').notNull(),
    docId: bigint('doc_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.lexeme, t.docId] })],
);

/** Every published version of a learning, the current one included. */
export const learningRevisions = pgTable(
  'learning_revisions',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    expected: text('expected').notNull(),
    cause: text('cause').notNull(),
    changes: text('changes').notNull(),
    detection: text('detection').notNull(),
    tags: text('tags').notNull(),
    editedByName: text('edited_by_name').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.revision] })],
);

/** A change a learning commits to, tracked until done. */
export const learningFollowUps = pgTable(
  'learning_follow_ups',
  {
    id: text('id').primaryKey(),
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ownerId: text('owner_id').notNull().references(() => users.id),
    // A day (YYYY-MM-DD): overdue once that day has passed in UTC.
    dueOn: text('due_on').notNull(),
    doneAt: bigint('done_at', { mode: 'number' }),
  },
  (t) => [
    // In order for a learning; with what the flow measures count (due, done), so they read the index alone.
    index('learning_follow_ups_learning_idx').on(t.learningId, t.position, t.dueOn, t.doneAt),
    index('learning_follow_ups_owner_idx').on(t.ownerId, t.doneAt),
  ],
);

/** "Read and understood": one row per person and learning. */
export const learningAcknowledgements = pgTable(
  'learning_acknowledgements',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.userId] }), index('learning_acknowledgements_user_idx').on(t.userId)],
);

/** "This happened before": a later problem linked to an earlier learning. */
export const learningRecurrences = pgTable(
  'learning_recurrences',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    linkedByName: text('linked_by_name').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  // By the recurring problem: the flow measures count the recurrences among the problems pulled in a period.
  (t) => [primaryKey({ columns: [t.learningId, t.problemId] }), index('learning_recurrences_problem_idx').on(t.problemId)],
);

/**
 * A learning suggested to a person (while pulling, or on a problem's page), once per person and UTC
 * day however often the suggestions are fetched while they type (`shown_at` is the first time that day);
 * `opened_at` once they follow it.
 * What the flow measures count as "suggestions shown and opened".
 */
export const learningSuggestionViews = pgTable(
  'learning_suggestion_views',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    // The UTC day's first millisecond.
    day: bigint('day', { mode: 'number' }).notNull(),
    shownAt: bigint('shown_at', { mode: 'number' }).notNull(),
    openedAt: bigint('opened_at', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.userId, t.day] }), index('learning_suggestion_views_shown_idx').on(t.shownAt)],
);

/** A person's feed-reader token (stored hashed; one live token per person, revocable). */
export const feedTokens = pgTable(
  'feed_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [index('feed_tokens_user_idx').on(t.userId)],
);
