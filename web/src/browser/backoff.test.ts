import { describe, expect, it } from 'vitest';
import { backoffDelayMs, PULL_RETRY, RECONNECT } from './backoff.ts';

describe('backoffDelayMs', () => {
  it('doubles from the first delay up to the cap', () => {
    const top = () => 1;
    expect(backoffDelayMs(0, RECONNECT, top)).toBe(500);
    expect(backoffDelayMs(1, RECONNECT, top)).toBe(1_000);
    expect(backoffDelayMs(4, RECONNECT, top)).toBe(8_000);
    expect(backoffDelayMs(30, RECONNECT, top)).toBe(30_000);
    expect(backoffDelayMs(0, PULL_RETRY, top)).toBe(2_000);
    expect(backoffDelayMs(20, PULL_RETRY, top)).toBe(60_000);
  });

  it('is randomised, but never below 100 ms', () => {
    expect(backoffDelayMs(4, RECONNECT, () => 0.5)).toBe(4_000);
    expect(backoffDelayMs(4, RECONNECT, () => 0)).toBe(100);
  });
});
