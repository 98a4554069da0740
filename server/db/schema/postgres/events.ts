// The event log every instance follows, the counters that number problems and events, and how far each consumer has read.
import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    // Given from the `events` counter in the writing transaction, so seqs are gap-free and never reused.
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    problemId: text('problem_id'),
    problemNumber: integer('problem_number'),
    areaSlug: text('area_slug'),
    // Set when the change moved the problem out of this area, so followers of that area see it leave.
    previousAreaSlug: text('previous_area_slug'),
    at: bigint('at', { mode: 'number' }).notNull(),
    data: text('data').notNull(),
  },
  (t) => [index('events_at_idx').on(t.at)],
);

/** Named counters (problem numbers, event seqs), bumped inside the transaction that uses the number. */
export const counters = pgTable('counters', {
  name: text('name').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

/** How far each consumer of the event log has got; retention keeps what any of them still needs. */
export const eventCursors = pgTable('event_cursors', {
  consumer: text('consumer').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});
