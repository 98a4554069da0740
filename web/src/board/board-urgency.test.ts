import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/problems.ts';
import { aProblem } from '../problems/problem-fixture.ts';
import { byUrgency, lateByMs, lateText } from './board-urgency.ts';

const now = Date.parse('2025-01-02T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();

/** Raised `raised` minutes ago with a response target of `target` minutes. */
function pull(number: number, raised: number, target: number, patch: Partial<Problem> = {}): Problem {
  const base = aProblem(number, { raisedAt: minutesAgo(raised), ...patch });
  return { ...base, escalation: { ...base.escalation, responseDueAt: minutesAgo(raised - target) } };
}

const order = (problems: Problem[]) => [...problems].sort(byUrgency(now)).map((p) => p.number);

describe('byUrgency', () => {
  it('puts every Stop before every Help, however old the Help', () => {
    expect(order([pull(1, 300, 600), pull(2, 1, 60, { level: 'stop' })])).toEqual([2, 1]);
  });

  it('puts the pulls past their target first within a level, then the oldest', () => {
    const onTimeOld = pull(1, 50, 60);
    const lateYoung = pull(2, 20, 10);
    const onTimeYoung = pull(3, 5, 60);
    const lateOld = pull(4, 40, 10);
    expect(order([onTimeYoung, lateYoung, onTimeOld, lateOld])).toEqual([4, 2, 1, 3]);
  });

  it('orders the oldest first, not the newest, when nothing is late', () => {
    expect(order([pull(3, 1, 60), pull(1, 30, 60), pull(2, 10, 60)])).toEqual([1, 2, 3]);
  });

  it('breaks a tie of the same moment by number, so the order never flickers', () => {
    expect(order([pull(8, 5, 60), pull(7, 5, 60)])).toEqual([7, 8]);
  });
});

describe('lateByMs', () => {
  it('counts from the response target the server set (halved for a Stop), not from the raise', () => {
    expect(lateByMs(pull(1, 10, 15), now)).toBe(0);
    expect(lateByMs(pull(1, 10, 7.5, { level: 'stop' }), now)).toBe(2.5 * 60_000);
  });

  it('is 0 once somebody swarms the problem', () => {
    expect(lateByMs(pull(1, 60, 5, { status: 'swarming' }), now)).toBe(0);
  });
});

describe('lateText', () => {
  it('says how late in minutes, then hours', () => {
    expect(lateText(10_000)).toBe('1 min late');
    expect(lateText(12 * 60_000 + 59_000)).toBe('12 min late');
    expect(lateText(125 * 60_000)).toBe('2 h 5 min late');
    expect(lateText(120 * 60_000)).toBe('2 h late');
  });
});
