// Working a problem: its timeline and revisions, who is swarming it, who has it open.
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { KINDS_OF_PRINCIPAL, TIMELINE_KINDS, VERDICTS } from '../columns.ts';
import { problems } from './problems.ts';

/** A problem's timeline: what people wrote and what happened by itself, in order. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    id: text('id').primaryKey(),
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TIMELINE_KINDS }).notNull(),
    body: text('body').notNull(),
    authorKind: text('author_kind', { enum: KINDS_OF_PRINCIPAL }),
    authorId: text('author_id'),
    authorName: text('author_name'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    editedAt: bigint('edited_at', { mode: 'number' }),
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
export const areaJoiners = pgTable(
  'area_joiners',
  {
    areaId: text('area_id').notNull(),
    userId: text('user_id').notNull(),
    problems: integer('problems').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.userId] })],
);

/** Who is working a problem now: one row per person, so joining twice (a double click) stays one row. */
export const swarmMembers = pgTable(
  'swarm_members',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    joinedAt: bigint('joined_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] })],
);

/** Who has the problem page open: a heartbeat refreshes seen_at; in the database so every instance agrees. */
export const problemPresence = pgTable(
  'problem_presence',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    seenAt: bigint('seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.userId] }), index('problem_presence_seen_idx').on(t.problemId, t.seenAt)],
);

/** Earlier versions of an edited timeline entry: the body as it was until `replaced_at`. */
export const timelineRevisions = pgTable(
  'timeline_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: text('entry_id').notNull().references(() => timelineEntries.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    writtenAt: bigint('written_at', { mode: 'number' }).notNull(),
    replacedAt: bigint('replaced_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('timeline_revisions_entry_idx').on(t.entryId, t.id)],
);
