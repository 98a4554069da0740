import type { Queryable } from '../db/client.ts';
import { sql, type Sql } from '../db/sql.ts';
import type { ActorKind } from '../../shared/accounts.ts';
import type { DismissReasonKind, FlowMeasure, TargetBucket } from '../../shared/flow.ts';
import type { Level } from '../../shared/problems.ts';

// Every figure is aggregated in the database over the problems pulled in the period (the
// problems_raised / problems_area_raised indexes), so nothing loads problems one by one.

export interface Period {
  from: number;
  to: number;
  areaId: string | null;
}

export function pulledIn(period: Period): Sql {
  const area = period.areaId === null ? sql`` : sql` and p.area_id = ${period.areaId}`;
  return sql`p.raised_at >= ${period.from} and p.raised_at < ${period.to}${area}`;
}

export interface PullRow {
  areaId: string;
  week: number;
  level: Level;
  raisedByKind: ActorKind;
  count: number;
}

/**
 * Pulls per area, per week (counted from the period's start), level and raisedBy kind. The cast:
 * SQLite is handed the parameters as reals, and its division would keep the fraction.
 */
export function countPulls(db: Queryable, period: Period, weekMs: number): Promise<PullRow[]> {
  return db.all<PullRow>(sql`select p.area_id, cast((p.raised_at - ${period.from}) / ${weekMs} as integer) as week, p.level, p.raised_by_kind,
      count(*) as count
    from problems p where ${pulledIn(period)}
    group by p.area_id, week, p.level, p.raised_by_kind`);
}

export interface SpanRow {
  /** null: every area of the period together. */
  areaId: string | null;
  measure: FlowMeasure;
  count: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * Median and 90th percentile of each span, per area and for all areas, by nearest rank: the value
 * at rank ceil(p × n) of the n spans in ascending order, worked out in integers, so that SQLite
 * and PostgreSQL answer exactly the same (PostgreSQL's percentile_cont would interpolate).
 */
export function spanPercentiles(db: Queryable, period: Period): Promise<SpanRow[]> {
  // Materialized: read from the index once, not once per measure. Counting by group rather than
  // with a second window halves the windows' work, which is most of this query's.
  return db.all<SpanRow>(sql`with cohort as materialized (
      select p.area_id, p.raised_at, p.first_responded_at, p.contained_at, p.resolved_at, p.learned_at
      from problems p where ${pulledIn(period)}
    ), spans as materialized (
      select area_id, 'respond' as measure, first_responded_at - raised_at as ms from cohort where first_responded_at is not null
      union all select area_id, 'contain', contained_at - raised_at from cohort where contained_at is not null
      union all select area_id, 'resolve', resolved_at - raised_at from cohort where resolved_at is not null
      union all select area_id, 'learn', learned_at - resolved_at from cohort where learned_at is not null and resolved_at is not null
    ), scoped as (
      select area_id, measure, ms from spans
      union all select null, measure, ms from spans
    ), ranked as (
      select area_id, measure, ms, row_number() over (partition by area_id, measure order by ms) as place from scoped
    ), counted as (
      select area_id, measure, count(*) as n from spans group by area_id, measure
      union all select null, measure, count(*) from spans group by measure
    )
    select r.area_id, r.measure, c.n as count,
      min(case when r.place = (c.n * 50 + 99) / 100 then r.ms end) as median_ms,
      min(case when r.place = (c.n * 90 + 99) / 100 then r.ms end) as p90_ms
    from ranked r join counted c on c.measure = r.measure and (c.area_id = r.area_id or (c.area_id is null and r.area_id is null))
    where r.place in ((c.n * 50 + 99) / 100, (c.n * 90 + 99) / 100)
    group by r.area_id, r.measure, c.n`);
}

export interface BucketRow {
  areaId: string;
  measure: Exclude<FlowMeasure, 'learn'>;
  bucket: TargetBucket;
  count: number;
}

/**
 * Each span against the problem's own response target (set at the pull: the area's, halved for
 * Stop). A problem that has not got there yet counts once its target has passed (as `unreached`),
 * unless it was dismissed; before that its outcome is not known yet.
 */
export function spansAgainstTarget(db: Queryable, period: Period, now: number): Promise<BucketRow[]> {
  return db.all<BucketRow>(sql`with cohort as materialized (
      select p.area_id, p.raised_at, p.status, p.first_responded_at, p.contained_at, p.resolved_at,
        e.response_due_at, e.response_due_at - p.raised_at as target_ms
      from problems p join problem_escalations e on e.problem_id = p.id where ${pulledIn(period)}
    ), spans as (
      select area_id, 'respond' as measure, first_responded_at - raised_at as ms, target_ms, response_due_at, status from cohort
      union all select area_id, 'contain', contained_at - raised_at, target_ms, response_due_at, status from cohort
      union all select area_id, 'resolve', resolved_at - raised_at, target_ms, response_due_at, status from cohort
    ), bucketed as (
      select area_id, measure,
        case when ms is null then 'unreached' when ms * 2 <= target_ms then 'half' when ms <= target_ms then 'target'
          when ms <= target_ms * 2 then 'double' when ms <= target_ms * 4 then 'quadruple' else 'beyond' end as bucket
      from spans where ms is not null or (status <> 'dismissed' and response_due_at <= ${now})
    )
    select area_id, measure, bucket, count(*) as count from bucketed group by area_id, measure, bucket`);
}

export interface OutcomeRow {
  areaId: string;
  problems: number;
  withCountdown: number;
  escalated: number;
  repeated: number;
  dismissed: number;
}

export function countOutcomes(db: Queryable, period: Period): Promise<OutcomeRow[]> {
  return db.all<OutcomeRow>(sql`select p.area_id, count(*) as problems, count(e.problem_id) as with_countdown,
      sum(case when e.step > 0 then 1 else 0 end) as escalated,
      sum(case when e.round > 0 then 1 else 0 end) as repeated,
      sum(case when p.status = 'dismissed' then 1 else 0 end) as dismissed
    from problems p left join problem_escalations e on e.problem_id = p.id
    where ${pulledIn(period)} group by p.area_id`);
}

/** How far escalations went: the furthest step each escalated problem reached. */
export function countEscalationSteps(db: Queryable, period: Period): Promise<Array<{ areaId: string; step: number; count: number }>> {
  return db.all(sql`select p.area_id, e.step, count(*) as count
    from problems p join problem_escalations e on e.problem_id = p.id
    where ${pulledIn(period)} and e.step > 0 group by p.area_id, e.step`);
}

/** The words the status change writes for each kind of dismissal (see problems/status-change.ts). */
export interface DismissWording {
  duplicatePrefix: string;
  notAProblem: string;
}

/** Problems dismissed now, by the kind of reason given when they were (last) dismissed. */
export function countDismissReasons(db: Queryable, period: Period, wording: DismissWording): Promise<Array<{ areaId: string; kind: DismissReasonKind; count: number }>> {
  return db.all(sql`select p.area_id,
      case when c.reason like ${`${wording.duplicatePrefix}%`} then 'duplicate' when c.reason = ${wording.notAProblem} then 'not-a-problem'
        else 'other' end as kind,
      count(*) as count
    from problems p join problem_status_changes c on c.problem_id = p.id and c.to_status = 'dismissed'
    where ${pulledIn(period)} and p.status = 'dismissed'
      and not exists (select 1 from problem_status_changes later
        where later.problem_id = p.id and later.to_status = 'dismissed' and later.id > c.id)
    group by p.area_id, kind`);
}
