import type { Queryable } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';
import { learningWithArea, type LearningWithArea } from '../store.ts';

/** Revokes the person's earlier feed tokens and stores the new one's hash: one live token per person. */
export async function replaceFeedToken(tx: Queryable, userId: string, tokenHash: string, now: number): Promise<void> {
  await revokeFeedTokens(tx, userId, now);
  await tx.run(sql`insert into feed_tokens (token_hash, user_id, created_at, revoked_at) values (${tokenHash}, ${userId}, ${now}, null)`);
}

export async function revokeFeedTokens(tx: Queryable, userId: string, now: number): Promise<number> {
  return tx.run(sql`update feed_tokens set revoked_at = ${now} where user_id = ${userId} and revoked_at is null`);
}

/** Whose live feed token this is, if it is one. */
export async function findFeedTokenOwner(db: Queryable, tokenHash: string): Promise<string | undefined> {
  const row = await db.one<{ userId: string }>(sql`select feed_tokens.user_id from feed_tokens join users on users.id = feed_tokens.user_id
    where feed_tokens.token_hash = ${tokenHash} and feed_tokens.revoked_at is null`);
  return row?.userId;
}

/** Published learnings, newest first (all of them when `limit` is null: the library export). */
export function listPublishedLearnings(db: Queryable, areaId: string | null, limit: number | null): Promise<LearningWithArea[]> {
  const area = areaId === null ? sql`` : sql` and learnings.area_id = ${areaId}`;
  const cap = limit === null ? sql`` : sql` limit ${limit}`;
  return db.all<LearningWithArea>(sql`${learningWithArea} where learnings.state = 'published'${area}
    order by learnings.published_at desc, learnings.doc_id desc${cap}`);
}
