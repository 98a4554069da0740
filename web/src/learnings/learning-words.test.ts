import { describe, expect, it } from 'vitest';
import { tagsFrom } from './learning-words.ts';

describe('tagsFrom', () => {
  it('makes slugs of comma-separated words, each once', () => {
    expect(tagsFrom('Database, Checkout page,  , database, --x--')).toEqual(['database', 'checkout-page', 'x']);
  });
});
