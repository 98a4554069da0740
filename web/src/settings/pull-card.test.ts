import { describe, expect, it } from 'vitest';
import { groupedCode } from './pull-card.tsx';

describe('groupedCode', () => {
  it('splits a code into groups of four for reading off a card', () => {
    expect(groupedCode('ut6fuxvhbkvqtppwye32nmvs')).toBe('ut6f uxvh bkvq tppw ye32 nmvs');
    expect(groupedCode('abcdef')).toBe('abcd ef');
  });
});
