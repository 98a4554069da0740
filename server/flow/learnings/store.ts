import type { Reads } from '../../db/client.ts';
import { sql, type Sql } from '../../db/sql.ts';
import { areaMembers } from '../../learnings/spread/store.ts';
import type { Period } from '../store.ts';

// The figures measured from learnings, aggregated in the database like the rest of the flow
// measures. Recurrence is counted with the problems' figures (by where it recurred), here only
// named; spread and follow-ups among the learnings published in the period (by the learning's
// area); suggestions by when they were shown.

/**
 * The learnings `l` of area `a` published in the period, area by area from learnings_flow_idx (so
 * they come grouped by area). SQLite keeps a `cross join`'s order: areas, then their learnings.
 */
function publishedInArea(period: Period): Sql {
  const area = period.areaId === null ? sql`` : sql` and a.id = ${period.areaId}`;
  return sql`l.area_id = a.id and l.state = 'published' and l.published_at >= ${period.from} and l.published_at < ${period.to}${area}`;
}

export interface RecurredLearning {
  id: string;
  title: string;
  problemNumber: number;
  /** The learning's own area, which may not be where it recurred. */
  areaSlug: string;
}

/**
 * The learnings of these ids, to name those that recurred most (how often each did comes with the
 * problems' figures, from the rollup).
 */
export async function describeLearnings(db: Reads, ids: readonly string[]): Promise<RecurredLearning[]> {
  if (ids.length === 0) return [];
  return db.all<RecurredLearning>(sql`select l.id, l.title, lp.number as problem_number, la.slug as area_slug
    from learnings l join problems lp on lp.id = l.problem_id join areas la on la.id = l.area_id
    where l.id in (${sql.join(ids)})`);
}

export function countSuggestions(db: Reads, period: Period): Promise<Array<{ areaId: string; shown: number; opened: number }>> {
  const area = period.areaId === null ? sql`` : sql` and l.area_id = ${period.areaId}`;
  return db.all(sql`select l.area_id, count(*) as shown, count(v.opened_at) as opened
    from learning_suggestion_views v join learnings l on l.id = v.learning_id
    where v.shown_at >= ${period.from} and v.shown_at < ${period.to}${area}
    group by l.area_id`);
}

export interface SpreadRow {
  /** null: every area of the period's learnings together (its members each counted once). */
  areaId: string | null;
  learnings: number;
  members: number;
  acknowledged: number;
}

/**
 * `acknowledged (area_id, acknowledged)`: per area, the acknowledgements of its learnings published
 * in the period by its `members`, each learning's read from its key. SQLite looks each reader up
 * among the members as it goes (cross joins keep that order); PostgreSQL, which expects a handful
 * of members and would read every acknowledgement each member ever made, is given the period's
 * acknowledgements first, counted per reader (a few hundred rows to match, not every acknowledgement).
 */
function acknowledgedByMembers(db: Reads, period: Period): Sql {
  if (db.dialect === 'sqlite') {
    return sql`acknowledged as (
      select a.id as area_id, count(*) as acknowledged
      from areas a cross join learnings l cross join learning_acknowledgements ack cross join members m
      where ${publishedInArea(period)} and ack.learning_id = l.id and m.area_id = a.id and m.user_id = ack.user_id
      group by a.id
    )`;
  }
  return sql`acknowledgements as materialized (
      select a.id as area_id, ack.user_id, count(*) as count from areas a join learnings l on ${publishedInArea(period)}
        join learning_acknowledgements ack on ack.learning_id = l.id
      group by a.id, ack.user_id
    ), acknowledged as (
      select ack.area_id, cast(sum(ack.count) as bigint) as acknowledged
      from acknowledgements ack join members m on m.area_id = ack.area_id and m.user_id = ack.user_id
      group by ack.area_id
    )`;
}

/**
 * Per area: its learnings published in the period, its members, and their acknowledgements of them
 * (until now). The casts: PostgreSQL sums counts as numeric, which its driver answers as text.
 */
export function countSpread(db: Reads, period: Period): Promise<SpreadRow[]> {
  return db.all<SpreadRow>(sql`with published as materialized (
      select a.id as area_id, count(*) as learnings from areas a cross join learnings l where ${publishedInArea(period)} group by a.id
    ), members as materialized (
      ${areaMembers(sql`select area_id from published`)}
    ), ${acknowledgedByMembers(db, period)}, per_area as (
      select pub.area_id, pub.learnings, (select count(*) from members m where m.area_id = pub.area_id) as members,
        coalesce(ak.acknowledged, 0) as acknowledged
      from published pub left join acknowledged ak on ak.area_id = pub.area_id
    )
    select area_id, learnings, members, acknowledged from per_area
    union all select null, cast(coalesce(sum(learnings), 0) as bigint), (select count(distinct user_id) from members),
      cast(coalesce(sum(acknowledged), 0) as bigint) from per_area`);
}

export interface FollowUpRow {
  areaId: string;
  total: number;
  done: number;
  overdue: number;
}

/** The follow-up actions of the learnings published in the period; overdue: not done and due before `today` (YYYY-MM-DD). */
export function countFollowUps(db: Reads, period: Period, today: string): Promise<FollowUpRow[]> {
  return db.all<FollowUpRow>(sql`select a.id as area_id, count(*) as total, count(f.done_at) as done,
      sum(case when f.done_at is null and f.due_on < ${today} then 1 else 0 end) as overdue
    from areas a cross join learnings l cross join learning_follow_ups f
    where ${publishedInArea(period)} and f.learning_id = l.id group by a.id`);
}
