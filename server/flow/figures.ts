import {
  FLOW_MEASURES, PULL_SOURCES, TARGET_BUCKETS, WEEK_MS, pullSourceOf,
  type FlowDistribution, type FlowFigures, type FlowPulls, type FlowSpan, type FlowSpans,
} from '../../shared/flow.ts';
import { LEVELS } from '../../shared/problems.ts';
import { addDay, joinedSpans, noDays, percentilesOf, type DaysFigures } from './day-figures.ts';
import { learningFiguresOf, type LearningRows } from './learnings/figures.ts';
import type * as store from './store.ts';

// Folds the areas' figures into those of one scope: one area's, or every area's together.

export interface FlowRows {
  pulls: store.PullRow[];
  /** Per area, the figures of its problems pulled in the period. */
  areas: ReadonlyMap<string, DaysFigures>;
  learnings: LearningRows;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const emptyPulls = (): FlowPulls => ({ total: 0, byLevel: zeros(LEVELS), bySource: zeros(PULL_SOURCES) });

/** Which rows belong to the scope: one area's, or (null) every area's. */
type InScope = (areaId: string | null) => boolean;

export function figuresOf(rows: FlowRows, inScope: InScope, scope: string | null, period: { from: number; to: number }): FlowFigures {
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

  const total = noDays();
  for (const [areaId, figures] of rows.areas) if (inScope(areaId)) addDay(total, figures);

  const distribution: FlowDistribution = { respond: zeros(TARGET_BUCKETS), contain: zeros(TARGET_BUCKETS), resolve: zeros(TARGET_BUCKETS) };
  for (const measure of ['respond', 'contain', 'resolve'] as const) {
    // The spans within each bound, then all reached: a bucket is the difference of two of them.
    const within = total.within[measure];
    (['half', 'target', 'double', 'quadruple', 'beyond'] as const).forEach((bucket, i) => (distribution[measure][bucket] = within[i] - (within[i - 1] ?? 0)));
    distribution[measure].unreached = total.unreached[measure];
  }

  const times = Object.fromEntries(FLOW_MEASURES.map((measure): [string, FlowSpan] => {
    const spans = joinedSpans(total.spans[measure]);
    const [medianMs, p90Ms] = percentilesOf(spans, [50, 90]);
    let withinTarget: FlowSpan['withinTarget'] = null;
    if (measure !== 'learn') {
      const buckets = distribution[measure];
      const within = buckets.half + buckets.target;
      const of = TARGET_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0);
      withinTarget = { count: within, of, share: share(within, of) };
    }
    return [measure, { count: spans.length, medianMs, p90Ms, withinTarget }];
  })) as FlowSpans;

  const byStep = total.steps.map((count, i) => ({ step: i + 1, count })).filter((s) => s.count > 0);
  return {
    pulls,
    weeks,
    times,
    distribution,
    escalations: {
      problems: total.withCountdown,
      escalated: total.escalated,
      share: share(total.escalated, total.withCountdown),
      byStep,
      repeated: total.repeated,
    },
    dismissed: { count: total.dismissed, share: share(total.dismissed, total.problems), byReason: total.reasons },
    ...learningFiguresOf(rows.learnings, inScope, scope, pulls.total, { problems: total.recurring, byLearning: total.learnings }),
  };
}
