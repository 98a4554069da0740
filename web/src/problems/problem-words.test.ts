import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../shared/values/problems.ts';
import { canMove } from '../../../shared/status-lifecycle.ts';
import { statusButtons } from './problem-words.ts';

const labels = (status: Parameters<typeof statusButtons>[0]) => statusButtons(status).map((b) => b.label);

describe('statusButtons', () => {
  it('offers the usual next step first', () => {
    expect(labels('raised')).toEqual(['Start swarming', 'Contained', 'Resolved']);
    expect(labels('swarming')).toEqual(['Contained', 'Resolved']);
    expect(labels('contained')).toEqual(['Resolved', 'Back to swarming']);
  });

  it('reopens closed problems and leaves a learned one alone', () => {
    expect(statusButtons('resolved')).toEqual([{ to: 'swarming', label: 'Reopen' }]);
    expect(statusButtons('dismissed')).toEqual([{ to: 'raised', label: 'Reopen' }]);
    expect(statusButtons('learned')).toEqual([]);
  });

  it('never offers a move the server would refuse', () => {
    for (const from of STATUSES) {
      for (const { to } of statusButtons(from)) expect(canMove(from, to)).toBe(true);
    }
  });
});
