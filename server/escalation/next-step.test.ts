import { describe, expect, it } from 'vitest';
import { nextStep } from './next-step.ts';

const someone = { people: ['a'] };
const nobody = { people: [] };

describe('nextStep', () => {
  it('goes from the countdown to the first step, then on', () => {
    expect(nextStep([someone, someone], 0, { step: 0, round: 0 })).toEqual({ step: 1, round: 0, skipped: [] });
    expect(nextStep([someone, someone], 0, { step: 1, round: 0 })).toEqual({ step: 2, round: 0, skipped: [] });
  });

  it('passes over a step with nobody in it', () => {
    expect(nextStep([someone, nobody, someone], 0, { step: 1, round: 0 })).toEqual({ step: 3, round: 0, skipped: [2] });
  });

  it('repeats the path `repeat` times, then ends', () => {
    expect(nextStep([someone, someone], 1, { step: 2, round: 0 })).toEqual({ step: 1, round: 1, skipped: [] });
    expect(nextStep([someone, someone], 1, { step: 2, round: 1 })).toBeNull();
  });

  it('ends on an empty path or one with nobody in any step', () => {
    expect(nextStep([], 3, { step: 0, round: 0 })).toBeNull();
    expect(nextStep([nobody, nobody], 2, { step: 0, round: 0 })).toBeNull();
  });

  it('wraps a position left past the end of a path that was shortened', () => {
    expect(nextStep([someone], 1, { step: 4, round: 0 })).toEqual({ step: 1, round: 1, skipped: [] });
  });
});
