// Background work, done once across instances.
import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Background work: due at a time, claimed by one instance under a lease, retried on failure. */
export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    // At most one pending job per key (one retention job, one escalation per problem step).
    key: text('key').notNull().unique(),
    payload: text('payload').notNull(),
    dueAt: bigint('due_at', { mode: 'number' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    leasedBy: text('leased_by'),
    leaseUntil: bigint('lease_until', { mode: 'number' }),
    lastError: text('last_error'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('jobs_due_idx').on(t.dueAt)],
);
