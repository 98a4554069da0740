import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, parseRetryAfter, RETRY_DELAYS_MS } from './retry-policy.ts';

describe('the webhook retry schedule', () => {
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: more than 24 hours in all', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextAttemptAt(n, 0))).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3_600_000);
    expect(nextAttemptAt(MAX_ATTEMPTS, 0)).toBeNull();
  });

  it('honours Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(nextAttemptAt(1, 1_000, 120_000)).toBe(121_000);
  });
});
