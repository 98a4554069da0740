// Areas and the problems pulled in them: status changes, idempotency keys, pull links.
import { index, uniqueIndex, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { KINDS_OF_PRINCIPAL, LEVELS, RESPONSE_TARGET_DEFAULT_MINUTES, STATUSES, OPEN_STATUSES } from '../columns.ts';
import { users } from './accounts.ts';

export const areas = sqliteTable('areas', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  responseTargetMinutes: integer('response_target_minutes').notNull().default(RESPONSE_TARGET_DEFAULT_MINUTES),
  archivedAt: integer('archived_at'),
  createdAt: integer('created_at').notNull(),
  // How many times the whole escalation path is run again after its last step.
  escalationRepeat: integer('escalation_repeat').notNull().default(0),
});

export const problems = sqliteTable(
  'problems',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    areaId: text('area_id').notNull().references(() => areas.id),
    level: text('level', { enum: LEVELS }).notNull(),
    status: text('status', { enum: STATUSES }).notNull(),
    raisedByKind: text('raised_by_kind', { enum: KINDS_OF_PRINCIPAL }).notNull(),
    raisedById: text('raised_by_id').notNull(),
    raisedByName: text('raised_by_name').notNull(),
    raisedAt: integer('raised_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    // The swarm: when somebody first joined (time to first response), and who leads it now.
    firstRespondedAt: integer('first_responded_at'),
    leadUserId: text('lead_user_id'),
    // Set by integrations (an alert group) or a script: while open, the same key in the area updates this problem.
    dedupKey: text('dedup_key'),
    // The earlier problem with the same dedup key, when this one is the same thing happening again.
    recurrenceOfNumber: integer('recurrence_of_number'),
    // How many of its alerts are firing now: only for problems raised by an integration.
    firingAlerts: integer('firing_alerts'),
    // When the problem first reached each point (containment is reached by resolving too): the flow measures read them.
    containedAt: integer('contained_at'),
    resolvedAt: integer('resolved_at'),
    learnedAt: integer('learned_at'),
    // The countdown's due time and how far it escalated: a copy of problem_escalations' (written with
    // it, in the same transaction) so that the flow measures read them from problems_flow_idx too.
    responseDueAt: integer('response_due_at'),
    escalationStep: integer('escalation_step'),
    escalationRound: integer('escalation_round'),
  },
  (t) => [
    index('problems_status_idx').on(t.status, t.number),
    index('problems_area_idx').on(t.areaId, t.number),
    index('problems_dedup_idx').on(t.areaId, t.dedupKey, t.number),
    // One open problem per key and area, even when two instances take the same alert group at once.
    uniqueIndex('problems_open_dedup_idx').on(t.areaId, t.dedupKey)
      .where(sql.raw(`dedup_key is not null and status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
    // History: closed problems newest first, optionally within a period of raised_at.
    index('problems_history_idx').on(t.status, t.raisedAt, t.number),
    // The flow measures read the problems pulled in a period area by area, from the index alone
    // (it holds every column they read, the id for the joins): area first, so that the rows come
    // grouped by area and grouping by it needs no sort.
    index('problems_flow_idx').on(t.areaId, t.raisedAt, t.level, t.raisedByKind, t.status, t.firstRespondedAt, t.containedAt, t.resolvedAt, t.learnedAt,
      t.responseDueAt, t.escalationStep, t.escalationRound, t.id),
  ],
);

export const problemStatusChanges = sqliteTable(
  'problem_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: STATUSES }),
    toStatus: text('to_status', { enum: STATUSES }).notNull(),
    reason: text('reason'),
    byKind: text('by_kind', { enum: KINDS_OF_PRINCIPAL }).notNull(),
    byId: text('by_id').notNull(),
    byName: text('by_name').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('problem_status_changes_problem_idx').on(t.problemId, t.id)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    // Keys are scoped to who sent them, so one caller can never read another's answer.
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: text('response').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * Pull links: anyone who opens /k/<code> may pull into the area. The code is kept as it is (not
 * hashed) so that an admin can print the QR card again; it grants nothing but pulling into one area.
 */
export const pullLinks = sqliteTable(
  'pull_links',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastPulledAt: integer('last_pulled_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('pull_links_area_idx').on(t.areaId)],
);
