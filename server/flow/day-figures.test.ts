import { describe, expect, it } from 'vitest';
import { joinedSpans, percentilesOf } from './day-figures.ts';

// The flow report's medians and 90th percentiles are found by selection, not by sorting: each must
// be the nearest-rank value a sort gives, whatever order and repeats the spans come in.
const nearestRank = (values: number[], pct: number) => [...values].sort((a, b) => a - b)[Math.ceil((pct * values.length) / 100) - 1];

describe('percentilesOf', () => {
  it('answers the nearest rank of a sorted copy, for few and many spans, repeated or not', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const length of [1, 2, 3, 4, 5, 9, 10, 11, 99, 100, 1001, 25_000]) {
      for (const spread of [3, 1_000_000]) {
        const values = Array.from({ length }, () => Math.floor(next() * spread));
        const [median, p90] = percentilesOf(Float64Array.from(values), [50, 90]);
        expect([median, p90], `${length} spans in 0..${spread}`).toEqual([nearestRank(values, 50), nearestRank(values, 90)]);
      }
    }
  });

  it('takes the days in any order, already sorted or reversed', () => {
    const up = Float64Array.from({ length: 1000 }, (_, i) => i);
    const down = Float64Array.from({ length: 1000 }, (_, i) => 1999 - i);
    expect(percentilesOf(joinedSpans([down, up]), [50, 90])).toEqual([999, 1799]);
    expect(percentilesOf(joinedSpans([up]), [50, 90])).toEqual([499, 899]);
  });

  it('has no percentile of no spans', () => {
    expect(percentilesOf(joinedSpans([]), [50, 90])).toEqual([null, null]);
  });

  it('leaves the days it was given as they were', () => {
    const day = Float64Array.from([5, 1, 4]);
    percentilesOf(joinedSpans([day]), [50, 90]);
    expect([...day]).toEqual([5, 1, 4]);
  });
});
