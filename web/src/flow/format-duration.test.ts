import { describe, expect, it } from 'vitest';
import { formatDuration, formatShare } from './format-duration.ts';

describe('formatDuration', () => {
  it('says a span in the units a person reads', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(4 * 60_000)).toBe('4 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(76 * 3_600_000)).toBe('3 d 4 h');
  });

  it('says a share as a whole percentage', () => {
    expect(formatShare(null)).toBe('—');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(1 / 6)).toBe('17%');
  });
});
