import type { Queryable, Reads } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';

export interface AreaDay {
  areaId: string;
  day: number;
}

/** A rolled-up day; `figures` null when it is marked as changed since (or was never rolled up). */
export interface RolledUpDay extends AreaDay {
  figures: string | null;
}

/**
 * The days from `fromDay` until `toDay` that have problems: rolled up, or marked. One statement, so
 * that the rollup and its marks are read as of one moment (a job finishing a day in between could
 * otherwise hide it from both).
 */
export function readRolledUpDays(db: Reads, fromDay: number, toDay: number, areaId: string | null): Promise<RolledUpDay[]> {
  const area = (alias: string) => (areaId === null ? sql`` : sql` and ${sql.raw(alias)}.area_id = ${areaId}`);
  return db.all<RolledUpDay>(sql`select d.area_id, d.day,
      case when exists (select 1 from flow_day_marks m where m.area_id = d.area_id and m.day = d.day) then null else d.figures end as figures
    from flow_days d where d.day >= ${fromDay} and d.day < ${toDay}${area('d')}
    union all
    select distinct m.area_id, m.day, cast(null as text) from flow_day_marks m where m.day >= ${fromDay} and m.day < ${toDay}${area('m')}
      and not exists (select 1 from flow_days d where d.area_id = m.area_id and d.day = m.day)`);
}

/** Up to `limit` marked days, those marked longest ago first. */
export function listMarkedDays(tx: Queryable, limit: number): Promise<AreaDay[]> {
  return tx.all<AreaDay>(sql`select area_id, day from flow_day_marks group by area_id, day order by min(id) limit ${limit}`);
}

const oneOf = (days: readonly AreaDay[]) => sql.join(days.map((d) => sql`(area_id = ${d.areaId} and day = ${d.day})`), ' or ');

/**
 * Clears the marks of these days that are committed now. Called before they are recomputed, so every
 * change whose mark it clears is in what is recomputed; a change not yet committed keeps its mark.
 */
export async function clearMarks(tx: Queryable, days: readonly AreaDay[]): Promise<void> {
  await tx.run(sql`delete from flow_day_marks where ${oneOf(days)}`);
}

export async function writeRolledUpDays(tx: Queryable, rows: ReadonlyArray<AreaDay & { figures: string }>): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(sql`insert into flow_days (area_id, day, figures)
    values ${sql.join(rows.map((r) => sql`(${r.areaId}, ${r.day}, ${r.figures})`))}
    on conflict (area_id, day) do update set figures = excluded.figures`);
}

/** Days left with no problems (all moved to another area). */
export async function deleteRolledUpDays(tx: Queryable, days: readonly AreaDay[]): Promise<void> {
  if (days.length === 0) return;
  await tx.run(sql`delete from flow_days where ${oneOf(days)}`);
}
