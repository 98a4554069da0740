import type { Reads } from '../db/client.ts';
import { sql, type Sql } from '../db/sql.ts';
import type { ActorKind } from '../../shared/accounts.ts';
import { ESCALATION_STEPS_MAX } from '../../shared/escalation.ts';
import type { DismissReasonKind, FlowMeasure, TargetBucket } from '../../shared/flow.ts';
import type { Level } from '../../shared/problems.ts';

// Every figure is aggregated in the database over the problems pulled in the period, read area by
// area from the index that holds what the figures read (problems_flow_idx), so nothing loads
// problems one by one, and grouping by area needs no sort: on SQLite that sort cost more than
// reading the rows.

export interface Period {
  from: number;
  to: number;
  areaId: string | null;
}

/** The problems `p` of area `a` pulled in the period (and only that area's, when one is asked for). */
function pulledInArea(period: Period): Sql {
  const area = period.areaId === null ? sql`` : sql` and a.id = ${period.areaId}`;
  return sql`p.area_id = a.id and p.raised_at >= ${period.from} and p.raised_at < ${period.to}${area}`;
}

/** The period's problems area by area (problems_flow_idx), so that they come grouped by area. */
export function areasWithPulls(period: Period): Sql {
  return sql`areas a join problems p on ${pulledInArea(period)}`;
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
export function countPulls(db: Reads, period: Period, weekMs: number): Promise<PullRow[]> {
  return db.all<PullRow>(sql`select p.area_id, cast((p.raised_at - ${period.from}) / ${weekMs} as integer) as week, p.level, p.raised_by_kind,
      count(*) as count
    from ${areasWithPulls(period)}
    group by p.area_id, week, p.level, p.raised_by_kind`);
}

export interface SpanRow {
  /** null: every area of the period together. */
  areaId: string | null;
  measure: FlowMeasure;
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Each span of a problem, in milliseconds; null until it has got there. */
const SPAN_MS: Record<FlowMeasure, string> = {
  respond: 'p.first_responded_at - p.raised_at',
  contain: 'p.contained_at - p.raised_at',
  resolve: 'p.resolved_at - p.raised_at',
  learn: 'p.learned_at - p.resolved_at',
};

/** Nearest rank: of n values in ascending order, the one at rank ceil(pct × n / 100), in integers. */
const rankOf = (n: string, pct: number) => `(${n} * ${pct} + 99) / 100`;

/**
 * SQLite's percentile_disc(y, f) (built into the SQLite that better-sqlite3 ships, 3.47 and later)
 * answers the value at 0-based place floor(f × (n - 1)), so the fraction that lands on rank k is
 * (k - 0.5) / (n - 1): half a place off any rounding error.
 */
function sqliteFraction(n: string, pct: number): string {
  return `case when ${n} < 2 then 0 else min(1.0, (${rankOf(n, pct)} - 0.5) / (${n} - 1)) end`;
}

/**
 * Median and 90th percentile of each span, per area and for all areas, by nearest rank (the value
 * at rank ceil(p × n) of the n spans in ascending order), so that SQLite and PostgreSQL answer
 * exactly the same. Each database sorts the values in its own aggregate, which is many times
 * cheaper than ranking rows with a window: PostgreSQL collects them in an array in order (one scan
 * for both scopes through grouping sets); SQLite's percentile_disc takes the fraction that lands on
 * the rank, so it first counts the spans of each area (the rows come grouped by area, no sort).
 */
export function spanPercentiles(db: Reads, period: Period): Promise<SpanRow[]> {
  const measures = Object.entries(SPAN_MS) as Array<[FlowMeasure, string]>;
  // Worked out once per scope, not once per row.
  const fractions = (from: string) => sql.raw(measures.map(([m]) => `${sqliteFraction(`${from}.${m}`, 50)} as ${m}_f50, ${sqliteFraction(`${from}.${m}`, 90)} as ${m}_f90`).join(', '));
  const scopes = db.dialect === 'postgres'
    ? sql`with sorted as (
        select a.id as area_id, ${sql.raw(measures.map(([m, span]) => `array_agg(${span} order by ${span}) filter (where ${span} is not null) as ${m}`).join(', '))}
        from ${areasWithPulls(period)} group by grouping sets ((a.id), ())
      ), scopes as materialized (
        select area_id, ${sql.raw(measures.map(([m]) => `coalesce(cardinality(${m}), 0) as ${m}_n, ${m}[${rankOf(`cardinality(${m})`, 50)}] as ${m}_median,
          ${m}[${rankOf(`cardinality(${m})`, 90)}] as ${m}_p90`).join(', '))}
        from sorted
      )`
    : sql`with counted as materialized (
        select a.id as area_id, ${sql.raw(measures.map(([m, span]) => `count(${span}) as ${m}`).join(', '))}
        from ${areasWithPulls(period)} group by a.id
      ), totals as (
        select ${sql.raw(measures.map(([m]) => `coalesce(sum(${m}), 0) as ${m}`).join(', '))} from counted
      ), area_ranks as materialized (
        select *, ${fractions('counted')} from counted
      ), all_ranks as materialized (
        select *, ${fractions('totals')} from totals
      ), scopes as materialized (
        select a.id as area_id, ${sql.raw(measures.map(([m, span]) => `c.${m} as ${m}_n, percentile_disc(${span}, c.${m}_f50) as ${m}_median,
          percentile_disc(${span}, c.${m}_f90) as ${m}_p90`).join(', '))}
        -- SQLite's cross join keeps this loop order: area by area, so the grouping needs no sort.
        from areas a cross join area_ranks c cross join problems p
        where c.area_id = a.id and ${pulledInArea(period)} group by a.id
        union all select null, ${sql.raw(measures.map(([m, span]) => `t.${m}, percentile_disc(${span}, t.${m}_f50), percentile_disc(${span}, t.${m}_f90)`).join(', '))}
        from all_ranks t cross join ${areasWithPulls(period)}
      )`;
  return db.all<SpanRow>(sql`${scopes}
    ${sql.raw(measures.map(([m]) => `select area_id, '${m}' as measure, ${m}_n as count, ${m}_median as median_ms, ${m}_p90 as p90_ms from scopes`).join('\n    union all '))}`);
}

export interface BucketRow {
  areaId: string;
  measure: Exclude<FlowMeasure, 'learn'>;
  bucket: TargetBucket;
  count: number;
}

export interface OutcomeRow {
  areaId: string;
  problems: number;
  withCountdown: number;
  escalated: number;
  repeated: number;
  dismissed: number;
}

export interface StepRow {
  areaId: string;
  step: number;
  count: number;
}

/** What one pass over the period's problems and their countdowns counts, per area. */
export interface CohortRows {
  outcomes: OutcomeRow[];
  buckets: BucketRow[];
  steps: StepRow[];
}

/** Each bucket's upper bound, in half targets: a span of ms is in the first bucket with ms × 2 ≤ target × bound. */
const BUCKET_BOUNDS = [['half', 1], ['target', 2], ['double', 4], ['quadruple', 8]] as const;
const TARGET_MEASURES = ['respond', 'contain', 'resolve'] as const;
// An escalation's step is a place on its area's path, which is never longer than this.
const STEPS = Array.from({ length: ESCALATION_STEPS_MAX }, (_, i) => i + 1);

/**
 * One pass over the period's problems and their countdowns (carried on the problem row, so read from
 * problems_flow_idx with no join), area by area (so no sort): outcomes,
 * how far escalations went, and each span against the problem's own response target (set at the
 * pull: the area's, halved for Stop). For the target, it counts the spans within each bound, and a
 * bucket is the difference of two counts. A problem that has not got there yet counts once its
 * target has passed (as `unreached`), unless it was dismissed; before that its outcome is not known.
 */
export async function countCohort(db: Reads, period: Period, now: number): Promise<CohortRows> {
  const target = '(p.response_due_at - p.raised_at)';
  const columns = [
    ...TARGET_MEASURES.flatMap((m) => [
      ...BUCKET_BOUNDS.map(([bucket, halves]) => `count(case when (${SPAN_MS[m]}) * 2 <= ${target} * ${halves} then 1 end) as ${m}_${bucket}`),
      `count(case when p.response_due_at is not null then ${SPAN_MS[m]} end) as ${m}_reached`,
      `count(case when (${SPAN_MS[m]}) is null and p.status <> 'dismissed' and p.response_due_at <= ${now} then 1 end) as ${m}_unreached`,
    ]),
    ...STEPS.map((step) => `count(case when p.escalation_step = ${step} then 1 end) as step_${step}`),
  ];
  const rows = await db.all<OutcomeRow & Record<string, number>>(sql`select a.id as area_id, count(*) as problems, count(p.response_due_at) as with_countdown,
      count(case when p.escalation_step > 0 then 1 end) as escalated, count(case when p.escalation_round > 0 then 1 end) as repeated,
      count(case when p.status = 'dismissed' then 1 end) as dismissed, ${sql.raw(columns.join(', '))}
    from ${areasWithPulls(period)}
    group by a.id`);
  const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return {
    outcomes: rows.map(({ areaId, problems, withCountdown, escalated, repeated, dismissed }) => ({ areaId, problems, withCountdown, escalated, repeated, dismissed })),
    buckets: rows.flatMap((row) => TARGET_MEASURES.flatMap((measure) => {
      const within = [...BUCKET_BOUNDS.map(([bucket]) => row[camel(`${measure}_${bucket}`)]), row[camel(`${measure}_reached`)]];
      return [
        ...(['half', 'target', 'double', 'quadruple', 'beyond'] as const).map((bucket, i) => ({ areaId: row.areaId, measure, bucket, count: within[i] - (within[i - 1] ?? 0) })),
        { areaId: row.areaId, measure, bucket: 'unreached' as const, count: row[camel(`${measure}_unreached`)] },
      ];
    })),
    steps: rows.flatMap((row) => STEPS.map((step) => ({ areaId: row.areaId, step, count: row[`step${step}`] })).filter((r) => r.count > 0)),
  };
}

/** The words the status change writes for each kind of dismissal (see problems/status-change.ts). */
export interface DismissWording {
  duplicatePrefix: string;
  notAProblem: string;
}

/** Problems dismissed now, by the kind of reason given when they were (last) dismissed. */
export function countDismissReasons(db: Reads, period: Period, wording: DismissWording): Promise<Array<{ areaId: string; kind: DismissReasonKind; count: number }>> {
  return db.all(sql`select p.area_id,
      case when c.reason like ${`${wording.duplicatePrefix}%`} then 'duplicate' when c.reason = ${wording.notAProblem} then 'not-a-problem'
        else 'other' end as kind,
      count(*) as count
    from ${areasWithPulls(period)} join problem_status_changes c on c.problem_id = p.id and c.to_status = 'dismissed'
    where p.status = 'dismissed'
      and not exists (select 1 from problem_status_changes later
        where later.problem_id = p.id and later.to_status = 'dismissed' and later.id > c.id)
    group by p.area_id, kind`);
}
