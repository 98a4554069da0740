import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { preparedStatements } from '../db/prepared.ts';
import { apiTokens, invites, sessions, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

// Every API request authenticates: these two run once per request.
const statements = preparedStatements((orm) => ({
  userBySession: orm
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sql.placeholder('idHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare(),
  liveApiToken: orm
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    .prepare(),
}));

export function countUsers(orm: Orm): number {
  return orm.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function insertUser(orm: Orm, row: typeof users.$inferInsert): UserRow {
  return orm.insert(users).values(row).returning().get();
}

export function findUserByEmail(orm: Orm, email: string): UserRow | undefined {
  return orm.select().from(users).where(eq(users.email, email)).get();
}

export function insertSession(orm: Orm, row: typeof sessions.$inferInsert): void {
  orm.insert(sessions).values(row).run();
}

export function findUserBySession(orm: Orm, idHash: string, now: number): UserRow | undefined {
  return statements(orm).userBySession.get({ idHash, now })?.user;
}

export function deleteSession(orm: Orm, idHash: string): void {
  orm.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

export function deleteExpiredSessions(orm: Orm, now: number): void {
  orm.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}

export function insertInvite(orm: Orm, row: typeof invites.$inferInsert): InviteRow {
  return orm.insert(invites).values(row).returning().get();
}

export function findOpenInvite(orm: Orm, codeHash: string, now: number): InviteRow | undefined {
  return orm
    .select()
    .from(invites)
    .where(and(eq(invites.codeHash, codeHash), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
    .get();
}

/** Marks the invite used; false when someone else used it first. */
export function markInviteAccepted(orm: Orm, codeHash: string, userId: string, now: number): boolean {
  const result = orm
    .update(invites)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invites.codeHash, codeHash), isNull(invites.acceptedAt)))
    .run();
  return result.changes === 1;
}

export function insertApiToken(orm: Orm, row: typeof apiTokens.$inferInsert): ApiTokenRow {
  return orm.insert(apiTokens).values(row).returning().get();
}

export function findLiveApiToken(orm: Orm, tokenHash: string): ApiTokenRow | undefined {
  return statements(orm).liveApiToken.get({ tokenHash });
}

export function listLiveApiTokens(orm: Orm): ApiTokenRow[] {
  return orm.select().from(apiTokens).where(isNull(apiTokens.revokedAt)).orderBy(apiTokens.createdAt).all();
}

export function revokeApiToken(orm: Orm, id: string, now: number): boolean {
  const result = orm
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .run();
  return result.changes === 1;
}

export function touchApiToken(orm: Orm, id: string, now: number): void {
  orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
}
