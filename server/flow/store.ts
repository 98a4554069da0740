import type { Reads } from '../db/client.ts';
import { sql, type Sql } from '../db/sql.ts';
import { ACTOR_KINDS, type ActorKind } from '../../shared/accounts.ts';
import { ESCALATION_STEPS_MAX } from '../../shared/escalation.ts';
import { DISMISS_REASON_KINDS, FLOW_MEASURES, type DismissReasonKind, type FlowMeasure } from '../../shared/flow.ts';
import { LEVELS, type Level } from '../../shared/problems.ts';

// The figures of the problems themselves, counted in the database per area and UTC day of raising:
// the one definition of each, which the rollup job stores (./rollup) and the report reads for the
// days the rollup cannot answer. Problems are read area by area from the index that holds what the
// figures read (problems_flow_idx), so nothing loads problems one by one.

export const DAY_MS = 86_400_000;

export interface Period {
  from: number;
  to: number;
  areaId: string | null;
}

/** A span of raising times, `from` inclusive, `to` exclusive. */
export interface Range {
  from: number;
  to: number;
}

/**
 * `ranges`, then the problems `p` of area `a` raised in any of them, each range of each area read
 * from problems_flow_idx. SQLite keeps a cross join's order: areas, ranges, then the area's
 * problems of each range. PostgreSQL, which cannot tell how few problems the ranges hold, scanned
 * every problem for a dozen ranges (72 of a report's ~280 ms at 100,000 problems): a lateral
 * subquery kept whole by `offset 0` is one index range scan per area and range.
 */
function pulledInRanges(db: Reads, ranges: readonly Range[], areaId: string | null): { ranges: Sql; from: Sql } {
  const area = areaId === null ? sql`` : sql` and a.id = ${areaId}`;
  const inRange = sql`p.area_id = a.id and p.raised_at >= r.from_at and p.raised_at < r.to_at`;
  return {
    ranges: sql`ranges (from_at, to_at) as (values ${sql.join(ranges.map((r) => sql`(cast(${r.from} as bigint), cast(${r.to} as bigint))`))})`,
    from: db.dialect === 'postgres'
      ? sql`areas a cross join ranges r cross join lateral (select * from problems p where ${inRange} offset 0) p where true${area}`
      : sql`areas a cross join ranges r cross join problems p where ${inRange}${area}`,
  };
}

export interface PullRow {
  areaId: string;
  week: number;
  level: Level;
  raisedByKind: ActorKind;
  count: number;
}

/**
 * Pulls raised in the ranges per area, per week (counted from `weekFrom`), level and raisedBy kind.
 * The cast: SQLite is handed the parameters as reals, and its division would keep the fraction.
 */
export async function countPulls(db: Reads, ranges: readonly Range[], areaId: string | null, weekFrom: number, weekMs: number): Promise<PullRow[]> {
  if (ranges.length === 0) return [];
  const pulled = pulledInRanges(db, ranges, areaId);
  return db.all<PullRow>(sql`with ${pulled.ranges}
    select p.area_id, cast((p.raised_at - ${weekFrom}) / ${weekMs} as integer) as week, p.level, p.raised_by_kind, count(*) as count
    from ${pulled.from}
    group by p.area_id, week, p.level, p.raised_by_kind`);
}

export const TARGET_MEASURES = ['respond', 'contain', 'resolve'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];
/** Each bucket's upper bound, in half targets: a span of ms is in the first bucket with ms × 2 ≤ target × bound. */
export const BUCKET_BOUNDS = [['half', 1], ['target', 2], ['double', 4], ['quadruple', 8]] as const;
// An escalation's step is a place on its area's path, which is never longer than this.
const STEPS = Array.from({ length: ESCALATION_STEPS_MAX }, (_, i) => i + 1);
/** The pulls are counted by level and kind, in this order. */
export const PULL_KEYS = LEVELS.flatMap((level) => ACTOR_KINDS.map((raisedByKind) => ({ level, raisedByKind })));

/** What the report counts of one area's problems raised on one UTC day. */
export interface DayFigures {
  pulls: Array<{ level: Level; raisedByKind: ActorKind; count: number }>;
  problems: number;
  withCountdown: number;
  escalated: number;
  repeated: number;
  dismissed: number;
  /** Per measure, the spans within each of BUCKET_BOUNDS, then all that were reached (with a countdown). */
  within: Record<TargetMeasure, number[]>;
  /** Not reached, not dismissed, and the target passed (by `now`). */
  unreached: Record<TargetMeasure, number>;
  /** The latest target among problems still short of one of the measures: until then `unreached` may still grow. */
  pendingDueMax: number | null;
  /** How many escalations stopped at each step (index 0: step 1). */
  steps: number[];
  reasons: Record<DismissReasonKind, number>;
  /** Problems linked as a recurrence of an earlier learning. */
  recurring: number;
  /**
   * Per learning (by id), the problems linked as a recurrence of it, and the number of the problem
   * it was made from (which orders learnings that recurred as often).
   */
  learnings: Record<string, [count: number, problemNumber: number]>;
  /** Every span that was reached, in milliseconds, in no order. */
  spans: Record<FlowMeasure, Float64Array>;
}

export interface DayRow {
  areaId: string;
  day: number;
  figures: DayFigures;
}

/** Each span of a problem, in milliseconds; null until it has got there. */
const SPAN_MS: Record<FlowMeasure, string> = {
  respond: 'p.first_responded_at - p.raised_at',
  contain: 'p.contained_at - p.raised_at',
  resolve: 'p.resolved_at - p.raised_at',
  learn: 'p.learned_at - p.resolved_at',
};

/** The words the status change writes for each kind of dismissal (see problems/status-change.ts). */
export interface DismissWording {
  duplicatePrefix: string;
  notAProblem: string;
}

/**
 * Per area and UTC day of raising, the figures of the problems raised in the ranges. A problem that
 * has not got to a point counts as `unreached` once its target has passed by `now`, unless it was
 * dismissed. A dismissal's reason is the one given when it was (last) dismissed.
 */
export async function countDays(db: Reads, ranges: readonly Range[], areaId: string | null, now: number, wording: DismissWording): Promise<DayRow[]> {
  if (ranges.length === 0) return [];
  const pulled = pulledInRanges(db, ranges, areaId);
  const spans = FLOW_MEASURES.map((m) => (db.dialect === 'postgres'
    ? `cast(coalesce(json_agg(${m}) filter (where ${m} is not null), '[]') as text) as ${m}_spans`
    : `json_group_array(${m}) filter (where ${m} is not null) as ${m}_spans`));
  const columns = [
    ...PULL_KEYS.map(({ level, raisedByKind }, i) => `count(case when level = '${level}' and raised_by_kind = '${raisedByKind}' then 1 end) as pulls_${i}`),
    ...TARGET_MEASURES.flatMap((m) => [
      ...BUCKET_BOUNDS.map(([bucket, halves]) => `count(case when ${m} * 2 <= target * ${halves} then 1 end) as ${m}_${bucket}`),
      `count(case when response_due_at is not null then ${m} end) as ${m}_reached`,
    ]),
    ...STEPS.map((step) => `count(case when escalation_step = ${step} then 1 end) as step_${step}`),
    ...spans,
  ];
  const days = await db.all<Record<string, number | string | null>>(sql`with ${pulled.ranges}, pulled as (
      select a.id as area_id, p.raised_at - p.raised_at % ${DAY_MS} as day, p.level, p.raised_by_kind, p.status,
        ${sql.raw(FLOW_MEASURES.map((m) => `${SPAN_MS[m]} as ${m}`).join(', '))}, p.response_due_at - p.raised_at as target,
        p.response_due_at, p.escalation_step, p.escalation_round,
        case when p.status = 'dismissed' then (select case when c.reason like ${`${wording.duplicatePrefix}%`} then 'duplicate'
            when c.reason = ${wording.notAProblem} then 'not-a-problem' else 'other' end
          from problem_status_changes c where c.problem_id = p.id and c.to_status = 'dismissed' order by c.id desc limit 1) end as dismiss_kind,
        case when exists (select 1 from learning_recurrences lr where lr.problem_id = p.id) then 1 else 0 end as recurred
      from ${pulled.from}
    )
    select area_id, day, count(*) as problems, count(response_due_at) as with_countdown,
      count(case when escalation_step > 0 then 1 end) as escalated, count(case when escalation_round > 0 then 1 end) as repeated,
      count(case when status = 'dismissed' then 1 end) as dismissed,
      ${sql.join(TARGET_MEASURES.map((m) => sql`count(case when ${sql.raw(m)} is null and status <> 'dismissed' and response_due_at <= ${now} then 1 end) as ${sql.raw(`${m}_unreached`)}`))},
      max(case when status <> 'dismissed' and (${sql.raw(TARGET_MEASURES.map((m) => `${m} is null`).join(' or '))}) then response_due_at end) as pending_due_max,
      ${sql.raw(DISMISS_REASON_KINDS.map((kind) => `count(case when dismiss_kind = '${kind}' then 1 end) as reason_${kind.replaceAll('-', '_')}`).join(', '))},
      count(case when recurred = 1 then 1 end) as recurring, ${sql.raw(columns.join(', '))}
    from pulled group by area_id, day`);
  const rows = days.map(dayRowOf);
  const byDay = new Map(rows.map((row) => [`${row.areaId}:${row.day}`, row.figures.learnings]));
  for (const link of await countRecurrencesByDay(db, pulled)) {
    const learnings = byDay.get(`${link.areaId}:${link.day}`);
    if (learnings) learnings[link.learningId] = [link.count, link.problemNumber];
  }
  return rows;
}

/**
 * Per area, day of raising and learning: the problems raised in the ranges linked as a recurrence of
 * it. The ranges' problems first, each learning's problem looked up by its key: PostgreSQL cannot
 * tell how few problems the ranges hold, and would otherwise hash every problem or learning.
 */
function countRecurrencesByDay(db: Reads, pulled: { ranges: Sql; from: Sql }): Promise<Array<{ areaId: string; day: number; learningId: string; problemNumber: number; count: number }>> {
  return db.all(sql`with ${pulled.ranges}, pulled as materialized (
      select a.id as area_id, p.id, p.raised_at - p.raised_at % ${DAY_MS} as day from ${pulled.from}
    ), linked as materialized (
      select pulled.area_id, pulled.day, lr.learning_id, count(*) as count
      from pulled join learning_recurrences lr on lr.problem_id = pulled.id
      group by pulled.area_id, pulled.day, lr.learning_id
    )
    select area_id, day, learning_id, count,
      (select lp.number from learnings l join problems lp on lp.id = l.problem_id where l.id = linked.learning_id) as problem_number
    from linked`);
}

type CountRow = Record<string, number | string | null>;

function dayRowOf(row: CountRow): DayRow {
  const count = (key: string) => Number(row[key] ?? 0);
  const byMeasure = <M extends string, T>(measures: readonly M[], value: (m: M) => T) => Object.fromEntries(measures.map((m) => [m, value(m)])) as Record<M, T>;
  return {
    areaId: String(row.areaId),
    day: count('day'),
    figures: {
      pulls: PULL_KEYS.map((key, i) => ({ ...key, count: count(`pulls${i}`) })).filter((p) => p.count > 0),
      problems: count('problems'),
      withCountdown: count('withCountdown'),
      escalated: count('escalated'),
      repeated: count('repeated'),
      dismissed: count('dismissed'),
      within: byMeasure(TARGET_MEASURES, (m) => [...BUCKET_BOUNDS.map(([bucket]) => count(`${m}${bucket[0].toUpperCase()}${bucket.slice(1)}`)), count(`${m}Reached`)]),
      unreached: byMeasure(TARGET_MEASURES, (m) => count(`${m}Unreached`)),
      pendingDueMax: row.pendingDueMax === null ? null : count('pendingDueMax'),
      steps: STEPS.map((step) => count(`step${step}`)),
      reasons: byMeasure(DISMISS_REASON_KINDS, (kind) => count(`reason${kind.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase())}`)),
      recurring: count('recurring'),
      learnings: {},
      spans: byMeasure(FLOW_MEASURES, (m) => Float64Array.from(JSON.parse(String(row[`${m}Spans`])) as number[])),
    },
  };
}
