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
 * The members of the areas `areaIds` picks (one id, or a subquery of ids), as (area_id, user_id)
 * rows, for a learning's spread and the flow measures' alike: an area's responders, the people on
 * its escalation path, and everyone who ever joined the swarm of one of its problems (the timeline
 * keeps each join). The swarmers are asked person by person (timeline_entries_joined_idx), so the
 * cost grows with the people, not with the history.
 */
export function areaMembers(areaIds: Sql): Sql {
  return sql`select area_id, user_id from area_responders where area_id in (${areaIds})
    union select area_id, user_id from escalation_step_members where area_id in (${areaIds})
    union select areas.id, users.id from areas cross join users where areas.id in (${areaIds}) and exists (
      select 1 from timeline_entries join problems on problems.id = timeline_entries.problem_id
      where timeline_entries.author_id = users.id and kind = 'joined' and author_kind = 'user' and problems.area_id = areas.id)`;
}

export async function listAreaMemberIds(db: Queryable, areaId: string): Promise<string[]> {
  const rows = await db.all<{ userId: string }>(sql`select user_id from (${areaMembers(sql`${areaId}`)}) members`);
  return rows.map((row) => row.userId);
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
