import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/problems.ts';
import { aProblem } from '../problems/problem-fixture.ts';
import { boardLanes, readFilters } from './board-lanes.ts';

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
  it('puts open problems in their status lane, most urgent first: the Stop, then the oldest', () => {
    const lanes = boardLanes([problem(3), problem(1), problem(2, { level: 'stop' }), problem(4, { status: 'swarming' })], { area: '', level: '' }, now);
    expect(lanes.raised.map((p) => p.number)).toEqual([2, 1, 3]);
    expect(lanes.swarming.map((p) => p.number)).toEqual([4]);
  });

  it('shows only problems resolved in the last 24 hours, most recent first; never dismissed ones', () => {
    const lanes = boardLanes([resolved(1, 30), resolved(2, 2), resolved(3, 1), problem(4, { status: 'dismissed' })], { area: '', level: '' }, now);
    expect(lanes.resolved.map((p) => p.number)).toEqual([3, 2]);
    expect(Object.values(lanes).flat().some((p) => p.number === 4)).toBe(false);
  });

  it('filters by area and level', () => {
    const all = [problem(1), problem(2, { area: 'line-3' }), problem(3, { area: 'line-3', level: 'stop' })];
    expect(boardLanes(all, { area: 'line-3', level: '' }, now).raised.map((p) => p.number)).toEqual([3, 2]); // the Stop first
    expect(boardLanes(all, { area: 'line-3', level: 'stop' }, now).raised.map((p) => p.number)).toEqual([3]);
  });
});

describe('readFilters', () => {
  it('reads the URL query and ignores nonsense levels', () => {
    expect(readFilters(new URLSearchParams('area=general&level=stop'))).toEqual({ area: 'general', level: 'stop' });
    expect(readFilters(new URLSearchParams('level=loud'))).toEqual({ area: '', level: '' });
  });
});
