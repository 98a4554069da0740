import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { literalUnion } from './literal-union.ts';

describe('literalUnion', () => {
  const Colour = literalUnion(['red', 'green'] as const, { description: 'A colour' });

  it('publishes the same JSON Schema as a hand-written union of literals', () => {
    expect(JSON.parse(JSON.stringify(Colour))).toEqual({
      anyOf: [
        { type: 'string', const: 'red' },
        { type: 'string', const: 'green' },
      ],
      description: 'A colour',
    });
  });

  it('accepts the listed values only', () => {
    const check = Compile(Colour);
    expect(check.Check('green')).toBe(true);
    expect(check.Check('blue')).toBe(false);
  });
});
