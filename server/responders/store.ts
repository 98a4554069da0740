import type { Queryable } from '../db/client.ts';
import { sql } from '../db/sql.ts';

export interface PersonRow {
  id: string;
  name: string;
}

export interface StepRow {
  position: number;
  waitMinutes: number;
  people: PersonRow[];
}

export interface AreaPeople {
  responders: PersonRow[];
  steps: StepRow[];
}

/** Responders and escalation steps of many areas in three queries, keyed by area id. */
export async function loadAreaPeople(db: Queryable, areaIds: readonly string[]): Promise<Map<string, AreaPeople>> {
  const byArea = new Map<string, AreaPeople>(areaIds.map((id) => [id, { responders: [], steps: [] }]));
  if (areaIds.length === 0) return byArea;
  const ids = sql.join(areaIds);
  const responders = await db.all<PersonRow & { areaId: string }>(sql`select area_responders.area_id, users.id, users.name
    from area_responders join users on users.id = area_responders.user_id where area_responders.area_id in (${ids}) order by users.name, users.id`);
  const steps = await db.all<{ areaId: string; position: number; waitMinutes: number }>(sql`select area_id, position, wait_minutes
    from escalation_steps where area_id in (${ids}) order by area_id, position`);
  const members = await db.all<PersonRow & { areaId: string; position: number }>(sql`select m.area_id, m.position, users.id, users.name
    from escalation_step_members m join users on users.id = m.user_id where m.area_id in (${ids}) order by users.name, users.id`);
  for (const r of responders) byArea.get(r.areaId)?.responders.push({ id: r.id, name: r.name });
  for (const s of steps) byArea.get(s.areaId)?.steps.push({ position: s.position, waitMinutes: s.waitMinutes, people: [] });
  for (const m of members) {
    byArea.get(m.areaId)?.steps.find((s) => s.position === m.position)?.people.push({ id: m.id, name: m.name });
  }
  return byArea;
}

/** Just the responders of one area: what a pull needs, in one query. */
export function listResponders(db: Queryable, areaId: string): Promise<PersonRow[]> {
  return db.all<PersonRow>(sql`select users.id, users.name from area_responders join users on users.id = area_responders.user_id
    where area_responders.area_id = ${areaId} order by users.name, users.id`);
}

export async function replaceResponders(tx: Queryable, areaId: string, userIds: readonly string[]): Promise<void> {
  await tx.run(sql`delete from area_responders where area_id = ${areaId}`);
  for (const userId of userIds) await tx.run(sql`insert into area_responders (area_id, user_id) values (${areaId}, ${userId})`);
}

/** Positions are 1-based, as the timeline and the board say "step 2". */
export async function replaceEscalationPath(
  tx: Queryable, areaId: string, steps: readonly { userIds: readonly string[]; waitMinutes: number }[], repeat: number,
): Promise<void> {
  await tx.run(sql`delete from escalation_step_members where area_id = ${areaId}`);
  await tx.run(sql`delete from escalation_steps where area_id = ${areaId}`);
  for (const [i, step] of steps.entries()) {
    await tx.run(sql`insert into escalation_steps (area_id, position, wait_minutes) values (${areaId}, ${i + 1}, ${step.waitMinutes})`);
    for (const userId of step.userIds) {
      await tx.run(sql`insert into escalation_step_members (area_id, position, user_id) values (${areaId}, ${i + 1}, ${userId})`);
    }
  }
  await tx.run(sql`update areas set escalation_repeat = ${repeat} where id = ${areaId}`);
}

export async function isResponder(db: Queryable, areaId: string, userId: string): Promise<boolean> {
  return (await db.one(sql`select 1 as yes from area_responders where area_id = ${areaId} and user_id = ${userId}`)) !== undefined;
}
