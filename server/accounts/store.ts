import type { Queryable } from '../db/client.ts';
import type { apiTokens, invites, sessions, users } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type UserRow = typeof users.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
type SessionRow = typeof sessions.$inferSelect;

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.one<{ n: number }>(sql`select count(*) as n from users`))?.n ?? 0;
}

export async function insertUser(db: Queryable, row: Omit<UserRow, 'lastSignInAt' | 'deactivatedAt'>): Promise<UserRow> {
  await db.run(sql`insert into users (id, name, email, password_hash, role, created_at)
    values (${row.id}, ${row.name}, ${row.email}, ${row.passwordHash}, ${row.role}, ${row.createdAt})`);
  return { ...row, lastSignInAt: null, deactivatedAt: null };
}

export async function recordSignIn(tx: Queryable, userId: string, now: number): Promise<void> {
  await tx.run(sql`update users set last_sign_in_at = ${now} where id = ${userId}`);
}

export function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(sql`select * from users where email = ${email}`);
}

export async function insertSession(db: Queryable, row: SessionRow): Promise<void> {
  await db.run(sql`insert into sessions (id_hash, user_id, created_at, expires_at)
    values (${row.idHash}, ${row.userId}, ${row.createdAt}, ${row.expiresAt})`);
}

export function findUserBySession(db: Queryable, idHash: string, now: number): Promise<UserRow | undefined> {
  return db.one<UserRow>(sql`select users.* from sessions join users on users.id = sessions.user_id
    where sessions.id_hash = ${idHash} and sessions.expires_at > ${now} and users.deactivated_at is null`);
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.run(sql`delete from sessions where id_hash = ${idHash}`);
}

export async function deleteExpiredSessions(db: Queryable, now: number): Promise<void> {
  await db.run(sql`delete from sessions where expires_at < ${now}`);
}

export async function insertInvite(db: Queryable, row: Omit<InviteRow, 'acceptedAt' | 'acceptedBy'>): Promise<InviteRow> {
  await db.run(sql`insert into invites (code_hash, email, role, created_by, created_at, expires_at)
    values (${row.codeHash}, ${row.email}, ${row.role}, ${row.createdBy}, ${row.createdAt}, ${row.expiresAt})`);
  return { ...row, acceptedAt: null, acceptedBy: null };
}

export function findOpenInvite(db: Queryable, codeHash: string, now: number): Promise<InviteRow | undefined> {
  return db.one<InviteRow>(sql`select * from invites
    where code_hash = ${codeHash} and accepted_at is null and expires_at > ${now}`);
}

/** Marks the invite used; false when someone else used it first. */
export async function markInviteAccepted(db: Queryable, codeHash: string, userId: string, now: number): Promise<boolean> {
  const changed = await db.run(sql`update invites set accepted_at = ${now}, accepted_by = ${userId}
    where code_hash = ${codeHash} and accepted_at is null`);
  return changed === 1;
}

export async function insertApiToken(db: Queryable, row: Omit<ApiTokenRow, 'lastUsedAt' | 'revokedAt'>): Promise<ApiTokenRow> {
  await db.run(sql`insert into api_tokens (id, name, token_hash, created_by, created_at)
    values (${row.id}, ${row.name}, ${row.tokenHash}, ${row.createdBy}, ${row.createdAt})`);
  return { ...row, lastUsedAt: null, revokedAt: null };
}

export function findLiveApiToken(db: Queryable, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.one<ApiTokenRow>(sql`select * from api_tokens where token_hash = ${tokenHash} and revoked_at is null`);
}

export function listLiveApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  return db.all<ApiTokenRow>(sql`select * from api_tokens where revoked_at is null order by created_at`);
}

export async function revokeApiToken(db: Queryable, id: string, now: number): Promise<boolean> {
  return (await db.run(sql`update api_tokens set revoked_at = ${now} where id = ${id} and revoked_at is null`)) === 1;
}

export async function isLiveApiToken(db: Queryable, id: string): Promise<boolean> {
  return (await db.one(sql`select id from api_tokens where id = ${id} and revoked_at is null`)) !== undefined;
}

export async function touchApiToken(db: Queryable, id: string, now: number): Promise<void> {
  await db.run(sql`update api_tokens set last_used_at = ${now} where id = ${id}`);
}

/** Which of these ids are not users (an empty answer means all are known). */
export async function unknownUserIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const known = new Set((await db.all<{ id: string }>(sql`select id from users where id in (${sql.join(ids)})`)).map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Everyone who can be made a responder or put on an escalation path: not deactivated people. */
export function listPeople(db: Queryable): Promise<Array<{ id: string; name: string }>> {
  return db.all(sql`select id, name from users where deactivated_at is null order by name, id`);
}
