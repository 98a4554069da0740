// Machines that pull: Alertmanager, Grafana and generic integrations, and the alerts each problem was raised from.
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { INTEGRATION_KINDS, ALERT_STATUSES } from '../columns.ts';
import { areas, problems } from './problems.ts';

/**
 * A machine's way to pull into an area. Only the token's hash is kept; the Grafana HMAC secret is
 * kept as it is, since checking a signature needs it.
 */
export const integrations = pgTable(
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
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    tokenRotatedAt: bigint('token_rotated_at', { mode: 'number' }),
    lastReceivedAt: bigint('last_received_at', { mode: 'number' }),
  },
  (t) => [index('integrations_area_idx').on(t.areaId)],
);

/** The alerts of a problem raised from an alert group, by fingerprint: what was last heard of each. */
export const problemAlerts = pgTable(
  'problem_alerts',
  {
    problemId: text('problem_id').notNull().references(() => problems.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull(),
    // As the sender gave it: the same fingerprint with a new startsAt is the alert firing anew.
    startsAt: text('starts_at'),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.fingerprint] })],
);
