// Areas' outgoing webhooks and their outbox.
import { index, uniqueIndex, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { WEBHOOK_FORMATS, DELIVERY_STATUSES } from '../columns.ts';
import { areas } from './problems.ts';

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
