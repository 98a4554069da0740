import type { Queryable } from '../db/client.ts';
import { sql } from '../db/sql.ts';

export interface PreferenceRow {
  banner: number;
  sound: number;
  notification: number;
}

export function findPreferences(db: Queryable, userId: string): Promise<PreferenceRow | undefined> {
  return db.one<PreferenceRow>(sql`select banner, sound, notification from alert_preferences where user_id = ${userId}`);
}

export async function listFollowedAreaSlugs(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.all<{ slug: string }>(sql`select areas.slug from area_followers join areas on areas.id = area_followers.area_id
    where area_followers.user_id = ${userId} order by areas.slug`);
  return rows.map((r) => r.slug);
}

export async function listFollowedTags(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db.all<{ tag: string }>(sql`select tag from tag_followers where user_id = ${userId} order by tag`);
  return rows.map((r) => r.tag);
}

/** Makes the person's followed tags exactly these. */
export async function replaceFollowedTags(tx: Queryable, userId: string, tags: readonly string[]): Promise<void> {
  await tx.run(sql`delete from tag_followers where user_id = ${userId}`);
  for (const tag of tags) await tx.run(sql`insert into tag_followers (user_id, tag) values (${userId}, ${tag})`);
}

/** Who follows any of these tags, each once. */
export async function listTagFollowers(db: Queryable, tags: readonly string[]): Promise<string[]> {
  if (tags.length === 0) return [];
  const rows = await db.all<{ userId: string }>(sql`select distinct user_id from tag_followers where tag in (${sql.join(tags)}) order by user_id`);
  return rows.map((r) => r.userId);
}

export async function listAreaFollowers(db: Queryable, areaId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(sql`select user_id from area_followers where area_id = ${areaId} order by user_id`);
  return rows.map((r) => r.userId);
}

export async function savePreferences(tx: Queryable, userId: string, row: PreferenceRow, areaIds: readonly string[], now: number): Promise<void> {
  await tx.run(sql`insert into alert_preferences (user_id, banner, sound, notification, updated_at)
    values (${userId}, ${row.banner}, ${row.sound}, ${row.notification}, ${now})
    on conflict (user_id) do update set banner = excluded.banner, sound = excluded.sound,
      notification = excluded.notification, updated_at = excluded.updated_at`);
  await tx.run(sql`delete from area_followers where user_id = ${userId}`);
  for (const areaId of areaIds) await tx.run(sql`insert into area_followers (area_id, user_id) values (${areaId}, ${userId})`);
}

/** The area ids of these slugs; a slug with no area is missing from the answer. */
export async function areaIdsBySlug(db: Queryable, slugs: readonly string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.all<{ id: string; slug: string }>(sql`select id, slug from areas where slug in (${sql.join(slugs)})`);
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Who a pull in this area concerns: its responders and its followers, each once. */
export async function listConcernedByPull(db: Queryable, areaId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(sql`select user_id from area_responders where area_id = ${areaId}
    union select user_id from area_followers where area_id = ${areaId} order by user_id`);
  return rows.map((r) => r.userId);
}
