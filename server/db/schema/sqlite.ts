import { index, uniqueIndex, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { KINDS_OF_PRINCIPAL, LEVELS, RESPONSE_TARGET_DEFAULT_MINUTES, ROLES, STATUSES, TIMELINE_KINDS, VERDICTS, WEBHOOK_FORMATS, DELIVERY_STATUSES, INTEGRATION_KINDS, ALERT_STATUSES, OPEN_STATUSES, LEARNING_STATES } from './columns.ts';
import { sql } from 'drizzle-orm';

// The same tables as ./postgres.ts, column for column: a test compares the two.
// Times are integer milliseconds since the epoch; the API answers ISO 8601.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  createdAt: integer('created_at').notNull(),
  lastSignInAt: integer('last_sign_in_at'),
  // Set while the account is deactivated: no sign-in, no sessions, no tokens; what they did stays.
  deactivatedAt: integer('deactivated_at'),
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

/** One-time links an admin makes so someone can set a new password; only the hash of the code is kept. */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

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
  (t) => [
    index('timeline_entries_problem_idx').on(t.problemId, t.createdAt),
    // Who ever swarmed: an area's members (learnings' spread) are found person by person.
    index('timeline_entries_joined_idx').on(t.authorId, t.problemId).where(sql`kind = 'joined' and author_kind = 'user'`),
  ],
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
}, (t) => [
  // The flow measures join a period's problems to their countdowns: read from the index alone.
  index('problem_escalations_flow_idx').on(t.problemId, t.responseDueAt, t.step, t.round),
]);

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

/**
 * A machine's way to pull into an area. Only the token's hash is kept; the Grafana HMAC secret is
 * kept as it is, since checking a signature needs it.
 */
export const integrations = sqliteTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: INTEGRATION_KINDS }).notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    // A JSON array of severity labels that pull Stop.
    stopSeverities: text('stop_severities').notNull(),
    // 1 or 0 (an integer on both databases, so the stores read one type).
    autoResolve: integer('auto_resolve').notNull().default(1),
    hmacSecret: text('hmac_secret'),
    createdAt: integer('created_at').notNull(),
    tokenRotatedAt: integer('token_rotated_at'),
    lastReceivedAt: integer('last_received_at'),
  },
  (t) => [index('integrations_area_idx').on(t.areaId)],
);

/** The alerts of a problem raised from an alert group, by fingerprint: what was last heard of each. */
export const problemAlerts = sqliteTable(
  'problem_alerts',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull(),
    // As the sender gave it: the same fingerprint with a new startsAt is the alert firing anew.
    startsAt: text('starts_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.fingerprint] })],
);

/**
 * What a resolved problem taught: one per problem, a draft until published. Its words are indexed
 * for search by the `learnings_fts` FTS5 table, kept in step by triggers (a hand-written migration).
 */
export const learnings = sqliteTable(
  'learnings',
  {
    id: text('id').primaryKey(),
    // The search index's key for this row, from the `learnings` counter (never reused, unlike an implicit rowid).
    docId: integer('doc_id').notNull().unique(),
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
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    publishedAt: integer('published_at'),
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

/** Every published version of a learning, the current one included. */
export const learningRevisions = sqliteTable(
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
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.revision] })],
);

/** A change a learning commits to, tracked until done. */
export const learningFollowUps = sqliteTable(
  'learning_follow_ups',
  {
    id: text('id').primaryKey(),
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ownerId: text('owner_id').notNull().references(() => users.id),
    // A day (YYYY-MM-DD): overdue once that day has passed in UTC.
    dueOn: text('due_on').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [
    // In order for a learning; with what the flow measures count (due, done), so they read the index alone.
    index('learning_follow_ups_learning_idx').on(t.learningId, t.position, t.dueOn, t.doneAt),
    index('learning_follow_ups_owner_idx').on(t.ownerId, t.doneAt),
  ],
);

/** "Read and understood": one row per person and learning. */
export const learningAcknowledgements = sqliteTable(
  'learning_acknowledgements',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.userId] }), index('learning_acknowledgements_user_idx').on(t.userId)],
);

/** "This happened before": a later problem linked to an earlier learning. */
export const learningRecurrences = sqliteTable(
  'learning_recurrences',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    linkedByName: text('linked_by_name').notNull(),
    at: integer('at').notNull(),
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
export const learningSuggestionViews = sqliteTable(
  'learning_suggestion_views',
  {
    learningId: text('learning_id').notNull().references(() => learnings.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    // The UTC day's first millisecond.
    day: integer('day').notNull(),
    shownAt: integer('shown_at').notNull(),
    openedAt: integer('opened_at'),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.userId, t.day] }), index('learning_suggestion_views_shown_idx').on(t.shownAt)],
);

/** A person's feed-reader token (stored hashed; one live token per person, revocable). */
export const feedTokens = sqliteTable(
  'feed_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('feed_tokens_user_idx').on(t.userId)],
);

/** What a person chose about in-app alerts; someone with no row gets every channel. Flags are 0 or 1 on both databases. */
export const alertPreferences = sqliteTable('alert_preferences', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  banner: integer('banner').notNull().default(1),
  sound: integer('sound').notNull().default(1),
  notification: integer('notification').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
});

/** Areas a person chose to follow: their pulls alert them as they alert the area's responders. */
export const areaFollowers = sqliteTable(
  'area_followers',
  {
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.userId] }), index('area_followers_user_idx').on(t.userId)],
);

/** Tags a person follows: publishing a learning with one of them notifies them in the app. */
export const tagFollowers = sqliteTable(
  'tag_followers',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tag] }), index('tag_followers_tag_idx').on(t.tag)],
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
