// Areas' outgoing webhooks and their outbox.
import { bigint, index, uniqueIndex, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { WEBHOOK_FORMATS, DELIVERY_STATUSES } from '../columns.ts';
import { areas } from './problems.ts';

/** Outgoing webhooks of an area. The secret is kept as it is: signing needs it (answered once, never again). */
export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    areaId: text('area_id').notNull().references(() => areas.id, { onDelete: 'cascade' }),
    format: text('format', { enum: WEBHOOK_FORMATS }).notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    // Only events after this seq are delivered: a new webhook does not get the past replayed.
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: bigint('disabled_at', { mode: 'number' }),
    deletedAt: bigint('deleted_at', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('webhooks_area_idx').on(t.areaId)],
);

/** The outbox: one row per (event, webhook), which is also the delivery's durable job (due time, lease). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    eventName: text('event_name').notNull(),
    problemNumber: integer('problem_number'),
    // The exact bytes sent, rendered once, so every retry is the same signed message.
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }),
    leasedBy: text('leased_by'),
    leaseUntil: bigint('lease_until', { mode: 'number' }),
    responseCode: integer('response_code'),
    error: text('error'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    deliveredAt: bigint('delivered_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_idx').on(t.webhookId, t.eventSeq),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
