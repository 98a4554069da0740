import { describe, expect, it } from 'vitest';
import { aProblem } from '../problems/problem-fixture.ts';
import { countdownOf } from './countdown.ts';

const raisedAt = '2025-01-01T10:00:00.000Z';
const at = (iso: string) => Date.parse(iso);
const counting = aProblem(1, {
  raisedAt,
  escalation: { step: 0, round: 0, escalated: false, escalatedAt: null, nextAt: '2025-01-01T10:05:00.000Z', responseDueAt: '2025-01-01T10:05:00.000Z' },
});

describe('countdownOf', () => {
  it('counts down to the response target, yellow then red in its last third', () => {
    expect(countdownOf(counting, at('2025-01-01T10:02:47.000Z'))).toEqual({ text: '2:13 left', light: 'yellow' });
    expect(countdownOf(counting, at('2025-01-01T10:04:00.000Z'))).toEqual({ text: '1:00 left', light: 'red' });
  });

  it('says how late once the target has passed', () => {
    expect(countdownOf(counting, at('2025-01-01T10:09:30.000Z'))).toEqual({ text: '4 min late', light: 'red' });
  });

  it('says which step it escalated to, and the time left before the next', () => {
    const escalated = aProblem(1, {
      raisedAt,
      escalation: { step: 2, round: 0, escalated: true, escalatedAt: '2025-01-01T10:05:00.000Z', nextAt: '2025-01-01T10:08:00.000Z', responseDueAt: '2025-01-01T10:05:00.000Z' },
    });
    expect(countdownOf(escalated, at('2025-01-01T10:06:00.000Z'))).toEqual({ text: 'escalated · step 2 · 2:00 left', light: 'yellow' });
    expect(countdownOf({ ...escalated, escalation: { ...escalated.escalation, nextAt: null } }, at('2025-01-01T10:06:00.000Z')))
      .toEqual({ text: 'escalated · step 2', light: 'red' });
  });

  it('shows nothing once someone has joined', () => {
    expect(countdownOf({ ...counting, status: 'swarming' }, at('2025-01-01T10:01:00.000Z'))).toBeNull();
  });
});
