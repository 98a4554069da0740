import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES, STATUSES } from './problems.ts';
import { allowedMoves, canMove, isOpenStatus } from './status-lifecycle.ts';

describe('the status lifecycle', () => {
  it('lets every open problem be dismissed, and nothing else', () => {
    expect(STATUSES.filter((s) => canMove(s, 'dismissed'))).toEqual([...OPEN_STATUSES]);
    expect(STATUSES.filter(isOpenStatus)).toEqual([...OPEN_STATUSES]);
  });

  it('reopens resolved and dismissed problems, and a learned problem is final', () => {
    expect(canMove('resolved', 'swarming')).toBe(true);
    expect(canMove('dismissed', 'raised')).toBe(true);
    expect(allowedMoves('learned')).toEqual([]);
  });

  it('only learns from a resolved problem', () => {
    expect(STATUSES.filter((s) => canMove(s, 'learned'))).toEqual(['resolved']);
  });

  it('never offers a move to the status a problem already has', () => {
    for (const status of STATUSES) expect(allowedMoves(status)).not.toContain(status);
  });
});
