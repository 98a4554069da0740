import { DISMISS_REASON_KINDS, FLOW_MEASURES } from '../../shared/flow.ts';
import { ESCALATION_STEPS_MAX } from '../../shared/escalation.ts';
import { BUCKET_BOUNDS, TARGET_MEASURES, type DayFigures } from './store.ts';

// Days' figures add up: counts sum, spans are put together (the percentiles are taken of them all).

const zeros = <K extends string>(keys: readonly K[], value: () => number | number[]) => Object.fromEntries(keys.map((key) => [key, value()]));

export function noDays(): DayFigures {
  return {
    pulls: [],
    problems: 0,
    withCountdown: 0,
    escalated: 0,
    repeated: 0,
    dismissed: 0,
    within: zeros(TARGET_MEASURES, () => Array.from({ length: BUCKET_BOUNDS.length + 1 }, () => 0)) as DayFigures['within'],
    unreached: zeros(TARGET_MEASURES, () => 0) as DayFigures['unreached'],
    pendingDueMax: null,
    steps: Array.from({ length: ESCALATION_STEPS_MAX }, () => 0),
    reasons: zeros(DISMISS_REASON_KINDS, () => 0) as DayFigures['reasons'],
    recurring: 0,
    spans: zeros(FLOW_MEASURES, () => []) as DayFigures['spans'],
  };
}

/** Adds `day` into `total` (its pulls, which the report counts by week, are left out). */
export function addDay(total: DayFigures, day: DayFigures): void {
  for (const key of ['problems', 'withCountdown', 'escalated', 'repeated', 'dismissed', 'recurring'] as const) total[key] += day[key];
  for (const m of TARGET_MEASURES) {
    day.within[m].forEach((count, i) => (total.within[m][i] += count));
    total.unreached[m] += day.unreached[m];
  }
  day.steps.forEach((count, i) => (total.steps[i] += count));
  for (const kind of DISMISS_REASON_KINDS) total.reasons[kind] += day.reasons[kind];
  for (const m of FLOW_MEASURES) for (const span of day.spans[m]) total.spans[m].push(span);
  if (day.pendingDueMax !== null) total.pendingDueMax = Math.max(total.pendingDueMax ?? day.pendingDueMax, day.pendingDueMax);
}

/** Nearest rank: of n values in ascending order, the one at rank ceil(pct × n / 100), so both databases answer the same. */
export function percentileOf(sorted: Float64Array, pct: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.floor((sorted.length * pct + 99) / 100) - 1];
}
