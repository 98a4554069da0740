import type { Queryable } from '../../db/client.ts';
import { sql, type Sql } from '../../db/sql.ts';

/** Answers whether it is new: acknowledging twice keeps the first time. */
export async function insertAcknowledgement(tx: Queryable, learningId: string, userId: string, at: number): Promise<boolean> {
  return (await tx.run(sql`insert into learning_acknowledgements (learning_id, user_id, at) values (${learningId}, ${userId}, ${at})
    on conflict (learning_id, user_id) do nothing`)) > 0;
}

export function listAcknowledgements(db: Queryable, learningId: string): Promise<Array<{ userId: string; name: string; at: number }>> {
  return db.all(sql`select learning_acknowledgements.user_id, users.name, learning_acknowledgements.at from learning_acknowledgements
    join users on users.id = learning_acknowledgements.user_id where learning_acknowledgements.learning_id = ${learningId}
    order by learning_acknowledgements.at, users.name`);
}

export async function hasAcknowledged(db: Queryable, learningId: string, userId: string): Promise<boolean> {
  return (await db.one(sql`select 1 as yes from learning_acknowledgements where learning_id = ${learningId} and user_id = ${userId}`)) !== undefined;
}

/**
 * The members of the areas `areaIds` picks (ids joined by sql.join, or a subquery of ids), as
 * (area_id, user_id) rows, each once: an area's responders, the people on its escalation path, and
 * everyone who ever joined the swarm of one of its problems (the timeline keeps each join); not a
 * deactivated account, which can read nothing any more. The one definition of who counts: a
 * learning's spread, the notice of a published learning, the lead's view and the flow measures use
 * it. The swarmers are read by key from area_joiners, which triggers keep as people join and
 * problems move: asking each person's joins for every area walked, for each person not in an area,
 * every join they ever made.
 */
export function areaMembers(areaIds: Sql): Sql {
  return sql`select members.area_id, members.user_id from (
      select area_id, user_id from area_responders where area_id in (${areaIds})
      union select area_id, user_id from escalation_step_members where area_id in (${areaIds})
      union select area_id, user_id from area_joiners where area_id in (${areaIds}) and problems > 0
    ) members join users on users.id = members.user_id where users.deactivated_at is null`;
}

export async function listAreaMemberIds(db: Queryable, areaId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(sql`select user_id from (${areaMembers(sql`${areaId}`)}) members`);
  return rows.map((row) => row.userId);
}

/** The members of these areas with their names, by name. */
export function listAreaMembers(db: Queryable, areaIds: readonly string[]): Promise<Array<{ areaId: string; id: string; name: string }>> {
  if (areaIds.length === 0) return Promise.resolve([]);
  return db.all(sql`select m.area_id, users.id, users.name from (${areaMembers(sql.join(areaIds))}) m join users on users.id = m.user_id
    order by users.name, users.id`);
}

export interface NotSpreadingRow {
  id: string;
  areaId: string;
  title: string;
  problemNumber: number;
  publishedAt: number;
  members: number;
  membersAcknowledged: number;
  /** How many of the area's published learnings are below the share, this one among them. */
  inArea: number;
}

/**
 * Per area, the published learnings fewer than `percent` % of whose area's members acknowledged, the
 * oldest first, at most `perArea` of each. An area without members has nobody to spread to.
 */
export async function listNotSpreading(db: Queryable, areaIds: readonly string[], percent: number, perArea: number): Promise<NotSpreadingRow[]> {
  if (areaIds.length === 0) return [];
  // Counts come back as text from PostgreSQL (bigint).
  type Counted = Omit<NotSpreadingRow, 'members' | 'membersAcknowledged' | 'inArea'> & Record<'members' | 'membersAcknowledged' | 'inArea', number | string>;
  const rows = await db.all<Counted>(sql`with area_members as (${areaMembers(sql.join(areaIds))}),
    sizes as (select area_id, count(*) as members from area_members group by area_id),
    reached as (
      select learnings.id, learnings.area_id, learnings.title, learnings.published_at, learnings.problem_id, sizes.members,
        count(area_members.user_id) as members_acknowledged
      from learnings join sizes on sizes.area_id = learnings.area_id
      left join learning_acknowledgements acks on acks.learning_id = learnings.id
      left join area_members on area_members.area_id = learnings.area_id and area_members.user_id = acks.user_id
      where learnings.state = 'published' and learnings.area_id in (${sql.join(areaIds)})
      group by learnings.id, learnings.area_id, learnings.title, learnings.published_at, learnings.problem_id, sizes.members),
    low as (
      select reached.*, row_number() over (partition by area_id order by published_at, id) as position,
        count(*) over (partition by area_id) as in_area
      from reached where members_acknowledged * 100 < members * ${percent})
    select low.id, low.area_id, low.title, problems.number as problem_number, low.published_at, low.members,
      low.members_acknowledged, low.in_area
    from low join problems on problems.id = low.problem_id where low.position <= ${perArea}
    order by low.area_id, low.published_at, low.id`);
  return rows.map((r) => ({ ...r, members: Number(r.members), membersAcknowledged: Number(r.membersAcknowledged), inArea: Number(r.inArea) }));
}

/** Who acknowledged each of these learnings. */
export async function listAcknowledgerIds(db: Queryable, learningIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const byLearning = new Map<string, Set<string>>(learningIds.map((id) => [id, new Set()]));
  if (learningIds.length === 0) return byLearning;
  const rows = await db.all<{ learningId: string; userId: string }>(sql`select learning_id, user_id from learning_acknowledgements
    where learning_id in (${sql.join(learningIds)})`);
  for (const row of rows) byLearning.get(row.learningId)?.add(row.userId);
  return byLearning;
}

/** Published learnings the person has not acknowledged, newest first. */
export function listUnreadOf(db: Queryable, userId: string, limit: number) {
  return db.all<{ id: string; title: string; problemNumber: number; areaSlug: string }>(sql`
    select learnings.id, learnings.title, problems.number as problem_number, areas.slug as area_slug from learnings
    join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
    where learnings.state = 'published' and not exists (select 1 from learning_acknowledgements
      where learning_acknowledgements.learning_id = learnings.id and learning_acknowledgements.user_id = ${userId})
    order by learnings.published_at desc, learnings.id limit ${limit}`);
}
