import { DISMISS_REASON_KINDS, FLOW_MEASURES, type FlowMeasure } from '../../shared/flow.ts';
import { ESCALATION_STEPS_MAX } from '../../shared/escalation.ts';
import { BUCKET_BOUNDS, TARGET_MEASURES, type DayFigures } from './store.ts';

// Days' figures add up: counts sum, spans are put together (the percentiles are taken of them all).

/** Days added up: their spans kept as they came, day by day, until the percentiles are taken. */
export type DaysFigures = Omit<DayFigures, 'spans'> & { spans: Record<FlowMeasure, Float64Array[]> };

const zeros = (keys: readonly string[], value: () => number | number[]) => Object.fromEntries(keys.map((key) => [key, value()]));

export function noDays(): DaysFigures {
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
    learnings: {},
    spans: Object.fromEntries(FLOW_MEASURES.map((m) => [m, []])) as unknown as DaysFigures['spans'],
  };
}

/** Adds `day` into `total` (its pulls, which the report counts by week, are left out). */
export function addDay(total: DaysFigures, day: DayFigures | DaysFigures): void {
  for (const key of ['problems', 'withCountdown', 'escalated', 'repeated', 'dismissed', 'recurring'] as const) total[key] += day[key];
  for (const m of TARGET_MEASURES) {
    day.within[m].forEach((count, i) => (total.within[m][i] += count));
    total.unreached[m] += day.unreached[m];
  }
  day.steps.forEach((count, i) => (total.steps[i] += count));
  for (const id in day.learnings) {
    const [count, problemNumber] = day.learnings[id];
    total.learnings[id] = [(Object.hasOwn(total.learnings, id) ? total.learnings[id][0] : 0) + count, problemNumber];
  }
  for (const kind of DISMISS_REASON_KINDS) total.reasons[kind] += day.reasons[kind];
  for (const m of FLOW_MEASURES) {
    const spans = day.spans[m];
    if (Array.isArray(spans)) total.spans[m].push(...spans);
    else total.spans[m].push(spans);
  }
  if (day.pendingDueMax !== null) total.pendingDueMax = Math.max(total.pendingDueMax ?? day.pendingDueMax, day.pendingDueMax);
}

/** The spans of the days in one array of their own (the percentiles reorder it). */
export function joinedSpans(days: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(days.reduce((n, day) => n + day.length, 0));
  let at = 0;
  for (const day of days) {
    all.set(day, at);
    at += day.length;
  }
  return all;
}

/**
 * Puts the k-th smallest of `values[left..right]` at k, the smaller before it and the larger after
 * (Hoare's selection): linear on average where sorting a 90-day period's 100,000 spans for two
 * ranks each cost its report a tenth of its time.
 */
function select(values: Float64Array, k: number, left: number, right: number): void {
  while (left < right) {
    const a = values[left], b = values[(left + right) >>> 1], c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Nearest rank: of n values, the one at rank ceil(pct × n / 100) in ascending order, so both
 * databases answer the same; one per `pcts` (ascending). Reorders `values`.
 */
export function percentilesOf(values: Float64Array, pcts: readonly number[]): Array<number | null> {
  let from = 0;
  return pcts.map((pct) => {
    if (values.length === 0) return null;
    const k = Math.floor((values.length * pct + 99) / 100) - 1;
    // What the last rank left after it is all at least as large, so the next is found there.
    select(values, k, from, values.length - 1);
    from = k;
    return values[k];
  });
}
