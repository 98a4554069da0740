// People, their sessions and sign-in: users, sessions, invites, password resets, API tokens.
import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { ROLES } from '../columns.ts';

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  lastSignInAt: bigint('last_sign_in_at', { mode: 'number' }),
  // Set while the account is deactivated: no sign-in, no sessions, no tokens; what they did stays.
  deactivatedAt: bigint('deactivated_at', { mode: 'number' }),
});

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie value: a leaked database does not leak live sessions.
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invites = pgTable('invites', {
  codeHash: text('code_hash').primaryKey(),
  email: text('email'),
  role: text('role', { enum: ROLES }).notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  acceptedAt: bigint('accepted_at', { mode: 'number' }),
  acceptedBy: text('accepted_by').references(() => users.id),
});

/** One-time links an admin makes so someone can set a new password; only the hash of the code is kept. */
export const passwordResets = pgTable(
  'password_resets',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  lastUsedAt: bigint('last_used_at', { mode: 'number' }),
  revokedAt: bigint('revoked_at', { mode: 'number' }),
});
