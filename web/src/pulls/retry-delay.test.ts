import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay.ts';

describe('retryDelayMs', () => {
  it('doubles from 2 s and is capped at a minute', () => {
    const max = () => 0.999999;
    expect(retryDelayMs(1, max)).toBe(2_000);
    expect(retryDelayMs(2, max)).toBe(4_000);
    expect(retryDelayMs(3, max)).toBe(8_000);
    expect(retryDelayMs(20, max)).toBe(60_000);
  });

  it('jitters down to half the ceiling', () => {
    expect(retryDelayMs(3, () => 0)).toBe(4_000);
  });
});
