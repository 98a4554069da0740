import { index, uniqueIndex, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { KINDS_OF_PRINCIPAL, LEVELS, RESPONSE_TARGET_DEFAULT_MINUTES, ROLES, STATUSES, TIMELINE_KINDS, VERDICTS, WEBHOOK_FORMATS, DELIVERY_STATUSES } from './columns.ts';

// The same tables as ./postgres.ts, column for column: a test compares the two.
// Times are integer milliseconds since the epoch; the API answers ISO 8601.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    // sha256 of the cookie value: a leaked database does not leak live sessions.
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invites = sqliteTable('invites', {
  codeHash: text('code_hash').primaryKey(),
  email: text('email'),
  role: text('role', { enum: ROLES }).notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  acceptedAt: integer('accepted_at'),
  acceptedBy: text('accepted_by').references(() => users.id),
});

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: integer('created_at').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
});

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
    // When the problem first reached each point (containment is reached by resolving too): the flow measures read them.
    containedAt: integer('contained_at'),
    resolvedAt: integer('resolved_at'),
    learnedAt: integer('learned_at'),
  },
  (t) => [
    index('problems_status_idx').on(t.status, t.number),
    index('problems_area_idx').on(t.areaId, t.number),
    // The flow measures take the problems pulled in a period, of every area or of one.
    index('problems_raised_idx').on(t.raisedAt),
    index('problems_area_raised_idx').on(t.areaId, t.raisedAt),
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

/** Background work: due at a time, claimed by one instance under a lease, retried on failure. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    // At most one pending job per key (one retention job, one escalation per problem step).
    key: text('key').notNull().unique(),
    payload: text('payload').notNull(),
    dueAt: integer('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    leasedBy: text('leased_by'),
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('jobs_due_idx').on(t.dueAt)],
);

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
  (t) => [index('timeline_entries_problem_idx').on(t.problemId, t.createdAt)],
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
});

/** Outgoing webhooks of an area. The secret is kept as it is: signing needs it (answered once, never again). */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    format: text('format', { enum: WEBHOOK_FORMATS }).notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    // Only events after this seq are delivered: a new webhook does not get the past replayed.
    fromSeq: integer('from_seq').notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: integer('disabled_at'),
    deletedAt: integer('deleted_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('webhooks_area_idx').on(t.areaId)],
);

/** The outbox: one row per (event, webhook), which is also the delivery's durable job (due time, lease). */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    eventSeq: integer('event_seq').notNull(),
    eventName: text('event_name').notNull(),
    problemNumber: integer('problem_number'),
    // The exact bytes sent, rendered once, so every retry is the same signed message.
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    leasedBy: text('leased_by'),
    leaseUntil: integer('lease_until'),
    responseCode: integer('response_code'),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_idx').on(t.webhookId, t.eventSeq),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
