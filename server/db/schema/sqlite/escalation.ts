// Who answers an area first, and its escalation path when nobody comes in time.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { areas, problems } from './problems.ts';

/** The members who answer an area's pulls first: alerted as soon as a problem is raised. */
export const areaResponders = sqliteTable(
  'area_responders',
  {
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.userId] })],
);

/** An area's escalation path: ordered steps, each given `wait_minutes` before the next. */
export const escalationSteps = sqliteTable(
  'escalation_steps',
  {
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    waitMinutes: integer('wait_minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.position] })],
);

/** Who a step alerts. A step may have nobody (it is then skipped at once). */
export const escalationStepMembers = sqliteTable(
  'escalation_step_members',
  {
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.position, t.userId] })],
);

/** Where a problem's countdown and escalation stand; the next escalation itself is a job. */
export const problemEscalations = sqliteTable('problem_escalations', {
  problemId: text('problem_id').primaryKey().references(() => problems.id, { onDelete: 'cascade' }),
  responseDueAt: integer('response_due_at').notNull(),
  // 0 until the first escalation; then the 1-based step of the path last reached.
  step: integer('step').notNull().default(0),
  // 0 on the first pass through the path; 1..repeat on each repeat.
  round: integer('round').notNull().default(0),
  escalatedAt: integer('escalated_at'),
  nextAt: integer('next_at'),
}, (t) => [
  // The flow measures join a period's problems to their countdowns: read from the index alone.
  index('problem_escalations_flow_idx').on(t.problemId, t.responseDueAt, t.step, t.round),
]);
