import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/problems.ts';
import { aProblem } from '../problems/problem-fixture.ts';
import { boardLanes, isPastTarget, readFilters } from './board-lanes.ts';

const now = Date.parse('2025-01-02T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

function problem(number: number, patch: Partial<Problem> = {}): Problem {
  return aProblem(number, { raisedAt: hoursAgo(48 - number), updatedAt: hoursAgo(1), ...patch });
}

const resolved = (number: number, hours: number) =>
  problem(number, {
    status: 'resolved',
    history: [{ from: 'contained', to: 'resolved', reason: null, by: { kind: 'user', id: 'u', name: 'Bo' }, at: hoursAgo(hours) }],
  });

describe('boardLanes', () => {
  it('puts open problems in their status lane, newest first whatever the level', () => {
    const lanes = boardLanes([problem(1, { level: 'stop' }), problem(3), problem(2), problem(4, { status: 'swarming' })], { area: '', level: '' }, now);
    expect(lanes.raised.map((p) => p.number)).toEqual([3, 2, 1]);
    expect(lanes.swarming.map((p) => p.number)).toEqual([4]);
  });

  it('shows only problems resolved in the last 24 hours, most recent first; never dismissed ones', () => {
    const lanes = boardLanes([resolved(1, 30), resolved(2, 2), resolved(3, 1), problem(4, { status: 'dismissed' })], { area: '', level: '' }, now);
    expect(lanes.resolved.map((p) => p.number)).toEqual([3, 2]);
    expect(Object.values(lanes).flat().some((p) => p.number === 4)).toBe(false);
  });

  it('filters by area and level', () => {
    const all = [problem(1), problem(2, { area: 'line-3' }), problem(3, { area: 'line-3', level: 'stop' })];
    expect(boardLanes(all, { area: 'line-3', level: '' }, now).raised.map((p) => p.number)).toEqual([3, 2]);
    expect(boardLanes(all, { area: 'line-3', level: 'stop' }, now).raised.map((p) => p.number)).toEqual([3]);
  });
});

describe('readFilters', () => {
  it('reads the URL query and ignores nonsense levels', () => {
    expect(readFilters(new URLSearchParams('area=general&level=stop'))).toEqual({ area: 'general', level: 'stop' });
    expect(readFilters(new URLSearchParams('level=loud'))).toEqual({ area: '', level: '' });
  });
});

describe('the response target', () => {
  const raisedMinutesAgo = (minutes: number, status: Problem['status'] = 'raised') =>
    problem(1, { status, raisedAt: new Date(now - minutes * 60_000).toISOString() });

  it('marks a raised problem nobody has started on once its area’s target has passed', () => {
    expect(isPastTarget(raisedMinutesAgo(4), 5, now)).toBe(false);
    expect(isPastTarget(raisedMinutesAgo(6), 5, now)).toBe(true);
  });

  it('no longer marks it once someone swarms it, or when its area is unknown', () => {
    expect(isPastTarget(raisedMinutesAgo(60, 'swarming'), 5, now)).toBe(false);
    expect(isPastTarget(raisedMinutesAgo(60), undefined, now)).toBe(false);
  });
});
