import { describe, expect, it } from 'vitest';
import { searchWords, typedWords } from './words.ts';

describe('searchWords', () => {
  it('keeps letters and digits only, lower-cased, each word once', () => {
    expect(searchWords('Checkout "timeout" NEAR(db*) OR OR -deploy 502s Café café')).toEqual(['checkout', 'timeout', 'near', 'db', 'deploy', '502s', 'café']);
  });

  it('leaves out the stop words PostgreSQL leaves out, so both databases match the same words', () => {
    expect(searchWords('The pool was too small for the workers')).toEqual(['pool', 'small', 'workers']);
    expect(searchWords('was it the')).toEqual([]);
  });

  it('answers no words for punctuation alone', () => {
    for (const hostile of ['"', '*', 'NEAR(', '-', '""*()^:', '']) expect(searchWords(hostile).filter((w) => w !== 'near')).toEqual([]);
  });

  it('caps how many words and how long each is', () => {
    expect(searchWords(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
    expect(searchWords('x'.repeat(300))[0]).toHaveLength(64);
  });

  it('takes the last word as half typed only while the text ends in it', () => {
    expect(typedWords('checkout tim')).toEqual({ words: ['checkout', 'tim'], lastHalfTyped: true });
    expect(typedWords('checkout tim ')).toEqual({ words: ['checkout', 'tim'], lastHalfTyped: false });
    expect(typedWords('checkout t')).toEqual({ words: ['checkout'], lastHalfTyped: false });
    expect(typedWords('')).toEqual({ words: [], lastHalfTyped: false });
  });
});
