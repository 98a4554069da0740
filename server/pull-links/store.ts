import type { Queryable } from '../db/client.ts';
import type { pullLinks } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type PullLinkRow = typeof pullLinks.$inferSelect;
/** A link with the area it pulls into. */
export type PullLinkWithArea = PullLinkRow & { areaSlug: string; areaName: string; areaArchivedAt: number | null };

const withArea = sql`select pull_links.*, areas.slug as area_slug, areas.name as area_name, areas.archived_at as area_archived_at
  from pull_links join areas on areas.id = pull_links.area_id`;

export async function insertPullLink(tx: Queryable, row: Omit<PullLinkRow, 'lastPulledAt' | 'revokedAt'>): Promise<void> {
  await tx.run(sql`insert into pull_links (id, code, area_id, label, created_by, created_at)
    values (${row.id}, ${row.code}, ${row.areaId}, ${row.label}, ${row.createdBy}, ${row.createdAt})`);
}

/** Newest first; turned-off links stay listed, so an admin can see which printed cards no longer work. */
export function listPullLinksOfArea(db: Queryable, areaId: string): Promise<PullLinkWithArea[]> {
  return db.all<PullLinkWithArea>(sql`${withArea} where pull_links.area_id = ${areaId} order by pull_links.created_at desc, pull_links.id desc`);
}

export function findPullLink(db: Queryable, id: string): Promise<PullLinkWithArea | undefined> {
  return db.one<PullLinkWithArea>(sql`${withArea} where pull_links.id = ${id}`);
}

export function findPullLinkByCode(db: Queryable, code: string): Promise<PullLinkWithArea | undefined> {
  return db.one<PullLinkWithArea>(sql`${withArea} where pull_links.code = ${code}`);
}

export function revokePullLink(tx: Queryable, id: string, at: number): Promise<number> {
  return tx.run(sql`update pull_links set revoked_at = ${at} where id = ${id} and revoked_at is null`);
}

export function notePullThroughLink(tx: Queryable, id: string, at: number): Promise<number> {
  return tx.run(sql`update pull_links set last_pulled_at = ${at} where id = ${id}`);
}
