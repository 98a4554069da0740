// Background work, done once across instances.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
