import type { Queryable } from '../db/client.ts';
import type { integrations, problemAlerts } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type IntegrationRow = typeof integrations.$inferSelect;
export type IntegrationWithArea = IntegrationRow & { areaSlug: string };
export type ProblemAlertRow = typeof problemAlerts.$inferSelect;

const withArea = sql`select integrations.*, areas.slug as area_slug from integrations join areas on areas.id = integrations.area_id`;

export async function insertIntegration(tx: Queryable, row: IntegrationRow): Promise<void> {
  await tx.run(sql`insert into integrations (id, area_id, kind, name, token_hash, stop_severities, auto_resolve, hmac_secret, created_at, token_rotated_at, last_received_at)
    values (${row.id}, ${row.areaId}, ${row.kind}, ${row.name}, ${row.tokenHash}, ${row.stopSeverities}, ${row.autoResolve}, ${row.hmacSecret},
      ${row.createdAt}, ${row.tokenRotatedAt}, ${row.lastReceivedAt})`);
}

export function findIntegration(db: Queryable, id: string): Promise<IntegrationWithArea | undefined> {
  return db.one<IntegrationWithArea>(sql`${withArea} where integrations.id = ${id}`);
}

export function listIntegrationsOfArea(db: Queryable, areaId: string): Promise<IntegrationWithArea[]> {
  return db.all<IntegrationWithArea>(sql`${withArea} where integrations.area_id = ${areaId} order by integrations.created_at`);
}

export async function updateIntegrationSettings(tx: Queryable, row: IntegrationRow): Promise<void> {
  await tx.run(sql`update integrations set name = ${row.name}, stop_severities = ${row.stopSeverities}, auto_resolve = ${row.autoResolve},
    hmac_secret = ${row.hmacSecret} where id = ${row.id}`);
}

export async function replaceToken(tx: Queryable, id: string, tokenHash: string, at: number): Promise<void> {
  await tx.run(sql`update integrations set token_hash = ${tokenHash}, token_rotated_at = ${at} where id = ${id}`);
}

export function deleteIntegration(tx: Queryable, id: string): Promise<number> {
  return tx.run(sql`delete from integrations where id = ${id}`);
}

export async function noteReceived(tx: Queryable, id: string, at: number): Promise<void> {
  await tx.run(sql`update integrations set last_received_at = ${at} where id = ${id}`);
}

export function listProblemAlerts(db: Queryable, problemId: string): Promise<ProblemAlertRow[]> {
  return db.all<ProblemAlertRow>(sql`select * from problem_alerts where problem_id = ${problemId}`);
}

export async function saveProblemAlert(tx: Queryable, row: ProblemAlertRow): Promise<void> {
  await tx.run(sql`insert into problem_alerts (problem_id, fingerprint, status, starts_at, updated_at)
    values (${row.problemId}, ${row.fingerprint}, ${row.status}, ${row.startsAt}, ${row.updatedAt})
    on conflict (problem_id, fingerprint) do update set status = excluded.status, starts_at = excluded.starts_at, updated_at = excluded.updated_at`);
}
