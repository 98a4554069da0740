import { describe, expect, it } from 'vitest';
import { searchWords } from './words.ts';

describe('searchWords', () => {
  it('keeps letters and digits only, lower-cased, each word once', () => {
    expect(searchWords('Checkout "timeout" NEAR(db*) OR OR -deploy 502s Café café')).toEqual(['checkout', 'timeout', 'near', 'db', 'or', 'deploy', '502s', 'café']);
  });

  it('answers no words for punctuation alone', () => {
    for (const hostile of ['"', '*', 'NEAR(', '-', '""*()^:', '']) expect(searchWords(hostile).filter((w) => w !== 'near')).toEqual([]);
  });

  it('caps how many words and how long each is', () => {
    expect(searchWords(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
    expect(searchWords('x'.repeat(300))[0]).toHaveLength(64);
  });
});
