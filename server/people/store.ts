import type { Queryable } from '../db/client.ts';
import type { passwordResets } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';
import type { InviteRow, UserRow } from '../accounts/store.ts';

export type PasswordResetRow = typeof passwordResets.$inferSelect;
export type PendingInviteRow = InviteRow & { createdByName: string };

const forUpdate = (db: Queryable) => (db.dialect === 'postgres' ? sql` for update` : sql``);

export function listMembers(db: Queryable): Promise<UserRow[]> {
  return db.all<UserRow>(sql`select * from users order by lower(name), id`);
}

export function findUser(db: Queryable, id: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(sql`select * from users where id = ${id}`);
}

/** Locks the row on PostgreSQL (SQLite's single writer already serialises). */
export function findUserForUpdate(tx: Queryable, id: string): Promise<UserRow | undefined> {
  return tx.one<UserRow>(sql`select * from users where id = ${id}${forUpdate(tx)}`);
}

/**
 * The active admins, locked on PostgreSQL: two admins demoting each other at once are then
 * serialised, and the second sees that only one admin is left.
 */
export async function lockActiveAdmins(tx: Queryable): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(sql`select id from users where role = 'admin' and deactivated_at is null order by id${forUpdate(tx)}`);
  return rows.map((row) => row.id);
}

export async function setRole(tx: Queryable, id: string, role: UserRow['role']): Promise<void> {
  await tx.run(sql`update users set role = ${role} where id = ${id}`);
}

export async function setDeactivatedAt(tx: Queryable, id: string, at: number | null): Promise<void> {
  await tx.run(sql`update users set deactivated_at = ${at} where id = ${id}`);
}

export async function setName(tx: Queryable, id: string, name: string): Promise<void> {
  await tx.run(sql`update users set name = ${name} where id = ${id}`);
}

export async function setPasswordHash(tx: Queryable, id: string, passwordHash: string): Promise<void> {
  await tx.run(sql`update users set password_hash = ${passwordHash} where id = ${id}`);
}

/** Ends every session of a person but `keepHash` (the one making the change), if given. */
export async function deleteSessionsOf(tx: Queryable, userId: string, keepHash: string | null = null): Promise<void> {
  const except = keepHash === null ? sql`` : sql` and id_hash <> ${keepHash}`;
  await tx.run(sql`delete from sessions where user_id = ${userId}${except}`);
}

/** Revokes the API tokens a person made; answers their ids. */
export async function revokeTokensMadeBy(tx: Queryable, userId: string, now: number): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(sql`select id from api_tokens where created_by = ${userId} and revoked_at is null`);
  if (rows.length > 0) await tx.run(sql`update api_tokens set revoked_at = ${now} where created_by = ${userId} and revoked_at is null`);
  return rows.map((row) => row.id);
}

export function listPendingInvites(db: Queryable, now: number): Promise<PendingInviteRow[]> {
  return db.all<PendingInviteRow>(sql`select invites.*, users.name as created_by_name from invites
    join users on users.id = invites.created_by
    where invites.accepted_at is null and invites.expires_at > ${now} order by invites.created_at desc`);
}

/** Deletes an invite that nobody accepted yet; false when there is none. */
export async function deletePendingInvite(tx: Queryable, codeHash: string): Promise<boolean> {
  return (await tx.run(sql`delete from invites where code_hash = ${codeHash} and accepted_at is null`)) === 1;
}

export async function insertPasswordReset(tx: Queryable, row: Omit<PasswordResetRow, 'usedAt'>): Promise<void> {
  await tx.run(sql`insert into password_resets (code_hash, user_id, created_by, created_at, expires_at)
    values (${row.codeHash}, ${row.userId}, ${row.createdBy}, ${row.createdAt}, ${row.expiresAt})`);
}

/** A newer link replaces the older ones: only the last link made for a person works. */
export async function deleteOpenPasswordResets(tx: Queryable, userId: string): Promise<void> {
  await tx.run(sql`delete from password_resets where user_id = ${userId} and used_at is null`);
}

export function findOpenPasswordReset(db: Queryable, codeHash: string, now: number): Promise<(PasswordResetRow & { name: string; email: string }) | undefined> {
  return db.one(sql`select password_resets.*, users.name, users.email from password_resets
    join users on users.id = password_resets.user_id
    where password_resets.code_hash = ${codeHash} and password_resets.used_at is null
      and password_resets.expires_at > ${now} and users.deactivated_at is null`);
}

/** Marks the link used; false when it was used (or replaced) first. */
export async function markPasswordResetUsed(tx: Queryable, codeHash: string, now: number): Promise<boolean> {
  return (await tx.run(sql`update password_resets set used_at = ${now} where code_hash = ${codeHash} and used_at is null`)) === 1;
}
