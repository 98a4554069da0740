import { describe, expect, it } from 'vitest';
import type { ProblemEvent } from '../../../shared/live.ts';
import type { Problem } from '../../../shared/problems.ts';
import { aProblem } from '../problems/problem-fixture.ts';
import { applyEvent, applySnapshot, emptyProblemMap, restartAt } from './problem-map.ts';

const problem = (number: number, status: Problem['status'], updatedAt = '2025-01-01T10:00:00.000Z'): Problem =>
  aProblem(number, { status, updatedAt });

const event = (seq: number, data: Problem, name: ProblemEvent['name'] = 'problem.updated'): ProblemEvent => ({
  type: 'event',
  seq,
  name,
  at: data.updatedAt,
  data,
});

describe('applyEvent', () => {
  it('adds a new problem and records the seq', () => {
    const { state, changed, added } = applyEvent(emptyProblemMap, event(1, problem(1, 'raised'), 'problem.raised'));
    expect(changed).toBe(true);
    expect(added).toBe(true);
    expect(state.seq).toBe(1);
    expect(state.byNumber.get(1)?.status).toBe('raised');
  });

  it('replaces a problem with its newer version', () => {
    const first = applyEvent(emptyProblemMap, event(1, problem(1, 'raised'))).state;
    const { state, changed, added } = applyEvent(first, event(2, problem(1, 'swarming', '2025-01-01T10:01:00.000Z')));
    expect(changed).toBe(true);
    expect(added).toBe(false);
    expect(state.byNumber.get(1)?.status).toBe('swarming');
  });

  it('ignores events at or below the last seq seen (replays after a reconnect)', () => {
    const first = applyEvent(emptyProblemMap, event(5, problem(1, 'swarming'))).state;
    const again = applyEvent(first, event(5, problem(1, 'raised')));
    const older = applyEvent(first, event(3, problem(2, 'raised')));
    expect(again.changed).toBe(false);
    expect(again.state).toBe(first);
    expect(older.changed).toBe(false);
    expect(older.state.byNumber.has(2)).toBe(false);
  });

  it('does not let an older copy of a problem overwrite a newer one, but still advances the seq', () => {
    const start = applySnapshot(emptyProblemMap, [problem(1, 'contained', '2025-01-01T10:05:00.000Z')], []);
    const { state, changed } = applyEvent(start, event(7, problem(1, 'swarming', '2025-01-01T10:02:00.000Z')));
    expect(changed).toBe(false);
    expect(state.seq).toBe(7);
    expect(state.byNumber.get(1)?.status).toBe('contained');
  });

  it('does not mutate the previous state', () => {
    const first = applyEvent(emptyProblemMap, event(1, problem(1, 'raised'))).state;
    applyEvent(first, event(2, problem(2, 'raised')));
    expect(first.byNumber.size).toBe(1);
  });
});

describe('applySnapshot', () => {
  it('replaces everything with the snapshot, dropping problems no longer in it', () => {
    const held = applyEvent(emptyProblemMap, event(3, problem(9, 'raised'))).state;
    const state = applySnapshot(held, [problem(1, 'raised'), problem(2, 'swarming')], []);
    expect([...state.byNumber.keys()].sort()).toEqual([1, 2]);
    expect(state.seq).toBe(3);
  });

  it('re-applies newer events that arrived while the snapshot was loading', () => {
    const state = applySnapshot(
      emptyProblemMap,
      [problem(1, 'raised', '2025-01-01T10:00:00.000Z')],
      [
        event(4, problem(1, 'swarming', '2025-01-01T10:03:00.000Z')),
        event(5, problem(2, 'raised', '2025-01-01T10:04:00.000Z'), 'problem.raised'),
      ],
    );
    expect(state.byNumber.get(1)?.status).toBe('swarming');
    expect(state.byNumber.get(2)?.status).toBe('raised');
  });

  it('keeps the snapshot copy when an event that arrived during loading is older', () => {
    const state = applySnapshot(emptyProblemMap, [problem(1, 'contained', '2025-01-01T10:09:00.000Z')], [event(4, problem(1, 'swarming', '2025-01-01T10:03:00.000Z'))]);
    expect(state.byNumber.get(1)?.status).toBe('contained');
  });
});

describe('restartAt', () => {
  it('moves the seq, even backwards, so events after a reset are applied', () => {
    const held = applyEvent(emptyProblemMap, event(50, problem(1, 'raised'))).state;
    const restarted = restartAt(held, 2);
    expect(applyEvent(restarted, event(3, problem(2, 'raised'))).changed).toBe(true);
  });
});
