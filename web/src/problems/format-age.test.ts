import { describe, expect, it } from 'vitest';
import { formatAge, formatStamp } from './format-age.ts';

const now = Date.parse('2025-01-02T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatAge', () => {
  it('reads naturally at every scale', () => {
    expect(formatAge(ago(10_000), now)).toBe('just now');
    expect(formatAge(ago(4 * 60_000 + 59_000), now)).toBe('4 min');
    expect(formatAge(ago(2 * 3_600_000), now)).toBe('2 h');
    expect(formatAge(ago(2 * 3_600_000 + 5 * 60_000), now)).toBe('2 h 5 min');
    expect(formatAge(ago(3 * 86_400_000 + 1), now)).toBe('3 d');
  });

  it('never shows a negative age when clocks disagree', () => {
    expect(formatAge(ago(-30_000), now)).toBe('just now');
  });

  it('shows nothing for an unreadable date', () => {
    expect(formatAge('not a date', now)).toBe('');
  });
});

describe('formatStamp', () => {
  it('writes the local time with zero-padded fields', () => {
    const at = new Date(2026, 0, 5, 7, 3);
    expect(formatStamp(at.toISOString())).toBe('2026-01-05 07:03');
  });

  it('gives back what it cannot read', () => {
    expect(formatStamp('not a date')).toBe('not a date');
  });
});
