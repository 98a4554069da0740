import type { Queryable } from '../db/client.ts';
import type { problemPresence, swarmMembers } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type SwarmMemberRow = typeof swarmMembers.$inferSelect;
export type PresenceRow = typeof problemPresence.$inferSelect;

/** Answers whether the person was added: joining twice leaves the first row as it was. */
export async function insertSwarmMember(tx: Queryable, row: SwarmMemberRow): Promise<boolean> {
  const added = await tx.run(sql`insert into swarm_members (problem_id, user_id, user_name, joined_at)
    values (${row.problemId}, ${row.userId}, ${row.userName}, ${row.joinedAt}) on conflict (problem_id, user_id) do nothing`);
  return added > 0;
}

export async function deleteSwarmMember(tx: Queryable, problemId: string, userId: string): Promise<boolean> {
  return (await tx.run(sql`delete from swarm_members where problem_id = ${problemId} and user_id = ${userId}`)) > 0;
}

/** The swarms of many problems in one query, each in the order people joined. */
export async function listSwarmMembers(db: Queryable, problemIds: string[]): Promise<SwarmMemberRow[]> {
  if (problemIds.length === 0) return [];
  return db.all<SwarmMemberRow>(sql`select * from swarm_members where problem_id in (${sql.join(problemIds)})
    order by joined_at, user_id`);
}

export async function setSwarmLead(tx: Queryable, problemId: string, userId: string | null, at: number): Promise<void> {
  await tx.run(sql`update problems set lead_user_id = ${userId}, updated_at = ${at} where id = ${problemId}`);
}

export async function setFirstResponded(tx: Queryable, problemId: string, at: number): Promise<void> {
  await tx.run(sql`update problems set first_responded_at = ${at} where id = ${problemId} and first_responded_at is null`);
}

export function findPresence(db: Queryable, problemId: string, userId: string): Promise<PresenceRow | undefined> {
  return db.one<PresenceRow>(sql`select * from problem_presence where problem_id = ${problemId} and user_id = ${userId}`);
}

export async function upsertPresence(tx: Queryable, row: PresenceRow): Promise<void> {
  await tx.run(sql`insert into problem_presence (problem_id, user_id, user_name, seen_at)
    values (${row.problemId}, ${row.userId}, ${row.userName}, ${row.seenAt})
    on conflict (problem_id, user_id) do update set seen_at = excluded.seen_at, user_name = excluded.user_name`);
}

export function listPresence(db: Queryable, problemId: string, seenSince: number): Promise<PresenceRow[]> {
  return db.all<PresenceRow>(sql`select * from problem_presence where problem_id = ${problemId} and seen_at >= ${seenSince}
    order by seen_at desc, user_id`);
}

/** Deletes presence rows last seen before `at`: nobody is shown as looking by them any more. */
export function prunePresenceBefore(tx: Queryable, at: number): Promise<number> {
  return tx.run(sql`delete from problem_presence where seen_at < ${at}`);
}
