// Working a problem: its timeline and revisions, who is swarming it, who has it open.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { KINDS_OF_PRINCIPAL, TIMELINE_KINDS, VERDICTS } from '../columns.ts';
import { problems } from './problems.ts';

/** A problem's timeline: what people wrote and what happened by itself, in order. */
export const timelineEntries = sqliteTable(
  'timeline_entries',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    body: text('body').notNull(),
    authorKind: text('author_kind', { enum: KINDS_OF_PRINCIPAL }),
    authorId: text('author_id'),
    authorName: text('author_name'),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    verdict: text('verdict', { enum: VERDICTS }),
    evidenceId: text('evidence_id'),
  },
  (t) => [
    index('timeline_entries_problem_idx').on(t.problemId, t.createdAt),
    // Whether a person joined a problem's swarm; area_joiners' triggers count the joins of a moved problem.
    index('timeline_entries_joined_idx').on(t.authorId, t.problemId).where(sql`kind = 'joined' and author_kind = 'user'`),
  ],
);

/**
 * Who ever swarmed in an area: per person, on how many of the area's problems they joined the swarm.
 * An area's members (learnings' spread) are read from it by key, where walking each person's joins
 * for every area took PostgreSQL's 90-day flow report 460 ms. Kept by triggers (migration
 * area_joiners), so a join and a problem moved to another area are counted whatever code made them.
 */
export const areaJoiners = sqliteTable(
  'area_joiners',
  {
    areaId: text('area_id').notNull(),
    userId: text('user_id').notNull(),
    problems: integer('problems').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.userId] })],
);

/** Who is working a problem now: one row per person, so joining twice (a double click) stays one row. */
export const swarmMembers = sqliteTable(
  'swarm_members',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] })],
);

/** Who has the problem page open: a heartbeat refreshes seen_at; in the database so every instance agrees. */
export const problemPresence = sqliteTable(
  'problem_presence',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] }), index('problem_presence_seen_idx').on(t.problemId, t.seenAt)],
);

/** Earlier versions of an edited timeline entry: the body as it was until `replaced_at`. */
export const timelineRevisions = sqliteTable(
  'timeline_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: text('entry_id').notNull().references(() => timelineEntries.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    writtenAt: integer('written_at').notNull(),
    replacedAt: integer('replaced_at').notNull(),
  },
  (t) => [index('timeline_revisions_entry_idx').on(t.entryId, t.id)],
);
