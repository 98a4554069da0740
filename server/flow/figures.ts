import {
  DISMISS_REASON_KINDS, FLOW_MEASURES, PULL_SOURCES, TARGET_BUCKETS, WEEK_MS, pullSourceOf,
  type FlowDistribution, type FlowFigures, type FlowPulls, type FlowSpan, type FlowSpans,
} from '../../shared/flow.ts';
import { LEVELS } from '../../shared/problems.ts';
import { learningFiguresOf, type LearningRows } from './learnings/figures.ts';
import type * as store from './store.ts';

// Folds the database's aggregates into the figures of one scope. Counts add up across areas, so
// "all areas" sums the areas' rows; only the percentiles come from the database for every scope.

export interface FlowRows {
  pulls: store.PullRow[];
  spans: store.SpanRow[];
  buckets: store.BucketRow[];
  outcomes: store.OutcomeRow[];
  steps: store.StepRow[];
  reasons: Array<{ areaId: string; kind: (typeof DISMISS_REASON_KINDS)[number]; count: number }>;
  learnings: LearningRows;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const emptyPulls = (): FlowPulls => ({ total: 0, byLevel: zeros(LEVELS), bySource: zeros(PULL_SOURCES) });

/** Which rows belong to the scope: one area's, or (null) every area's. */
type InScope = (areaId: string | null) => boolean;

export function figuresOf(rows: FlowRows, inScope: InScope, percentileScope: string | null, period: { from: number; to: number }): FlowFigures {
  const weekCount = Math.ceil((period.to - period.from) / WEEK_MS);
  const pulls = emptyPulls();
  const weeks = Array.from({ length: weekCount }, (_, week) => ({ start: new Date(period.from + week * WEEK_MS).toISOString(), ...emptyPulls() }));
  for (const row of rows.pulls.filter((r) => inScope(r.areaId))) {
    const source = pullSourceOf(row.raisedByKind);
    for (const into of [pulls, weeks[row.week]]) {
      into.total += row.count;
      into.byLevel[row.level] += row.count;
      into.bySource[source] += row.count;
    }
  }

  const distribution: FlowDistribution = { respond: zeros(TARGET_BUCKETS), contain: zeros(TARGET_BUCKETS), resolve: zeros(TARGET_BUCKETS) };
  for (const row of rows.buckets.filter((r) => inScope(r.areaId))) distribution[row.measure][row.bucket] += row.count;

  const times = Object.fromEntries(FLOW_MEASURES.map((measure): [string, FlowSpan] => {
    const row = rows.spans.find((r) => r.areaId === percentileScope && r.measure === measure);
    let withinTarget: FlowSpan['withinTarget'] = null;
    if (measure !== 'learn') {
      const buckets = distribution[measure];
      const within = buckets.half + buckets.target;
      const of = TARGET_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0);
      withinTarget = { count: within, of, share: share(within, of) };
    }
    return [measure, { count: row?.count ?? 0, medianMs: row?.medianMs ?? null, p90Ms: row?.p90Ms ?? null, withinTarget }];
  })) as FlowSpans;

  const outcome = { problems: 0, withCountdown: 0, escalated: 0, repeated: 0, dismissed: 0 };
  for (const row of rows.outcomes.filter((r) => inScope(r.areaId))) {
    for (const key of Object.keys(outcome) as Array<keyof typeof outcome>) outcome[key] += row[key];
  }
  const byStep = new Map<number, number>();
  for (const row of rows.steps.filter((r) => inScope(r.areaId))) byStep.set(row.step, (byStep.get(row.step) ?? 0) + row.count);
  const byReason = zeros(DISMISS_REASON_KINDS);
  for (const row of rows.reasons.filter((r) => inScope(r.areaId))) byReason[row.kind] += row.count;

  return {
    pulls,
    weeks,
    times,
    distribution,
    escalations: {
      problems: outcome.withCountdown,
      escalated: outcome.escalated,
      share: share(outcome.escalated, outcome.withCountdown),
      byStep: [...byStep].sort(([a], [b]) => a - b).map(([step, count]) => ({ step, count })),
      repeated: outcome.repeated,
    },
    dismissed: { count: outcome.dismissed, share: share(outcome.dismissed, outcome.problems), byReason },
    ...learningFiguresOf(rows.learnings, inScope, percentileScope, pulls.total),
  };
}
