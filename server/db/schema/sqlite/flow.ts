// The flow measures rolled up per area and day, and the days marked for the job to count again.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { areas } from './problems.ts';

/**
 * The flow report's rollup: per area and UTC day of raising, what the report counts of that day's
 * problems (server/flow/rollup), as JSON, recomputed from the problems by a job. Exact only while
 * no mark in flow_day_marks says the day has changed since; the report reads marked days from the
 * problems themselves.
 */
export const flowDays = sqliteTable(
  'flow_days',
  {
    areaId: text('area_id').notNull().references(() => areas.id),
    // The UTC day's first millisecond.
    day: integer('day').notNull(),
    figures: text('figures').notNull(),
  },
  // By day: a report reads its period's days of every area.
  (t) => [primaryKey({ columns: [t.areaId, t.day] }), index('flow_days_day_idx').on(t.day)],
);

/**
 * A day whose problems changed since its rollup was computed: a row per change, added by triggers on
 * problems and recurrence links (in the migration) in the writer's own transaction. Only added and
 * deleted by id, so writers never wait on each other for a mark, and the job deletes only the marks
 * it saw before it recomputed.
 */
export const flowDayMarks = sqliteTable(
  'flow_day_marks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: text('area_id').notNull(),
    day: integer('day').notNull(),
  },
  (t) => [index('flow_day_marks_day_idx').on(t.areaId, t.day)],
);
