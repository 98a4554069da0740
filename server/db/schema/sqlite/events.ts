// The event log every instance follows, the counters that number problems and events, and how far each consumer has read.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const events = sqliteTable(
  'events',
  {
    // Given from the `events` counter in the writing transaction, so seqs are gap-free and never reused.
    seq: integer('seq').primaryKey(),
    name: text('name').notNull(),
    problemId: text('problem_id'),
    problemNumber: integer('problem_number'),
    areaSlug: text('area_slug'),
    // Set when the change moved the problem out of this area, so followers of that area see it leave.
    previousAreaSlug: text('previous_area_slug'),
    at: integer('at').notNull(),
    data: text('data').notNull(),
  },
  (t) => [index('events_at_idx').on(t.at)],
);

/** Named counters (problem numbers, event seqs), bumped inside the transaction that uses the number. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** How far each consumer of the event log has got; retention keeps what any of them still needs. */
export const eventCursors = sqliteTable('event_cursors', {
  consumer: text('consumer').primaryKey(),
  seq: integer('seq').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
