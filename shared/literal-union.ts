import { Type, type TLiteral, type TSchemaOptions, type TUnion } from 'typebox';

type Literals<Values extends readonly string[]> = { -readonly [K in keyof Values]: TLiteral<Values[K]> };

/**
 * The schema for one of a `const` list of values. A union of literals rather than `Type.Enum`, so the
 * published JSON Schema and the validation errors stay what clients already see (`anyOf` of `const`s).
 */
export function literalUnion<const Values extends readonly string[]>(values: Values, options?: TSchemaOptions): TUnion<Literals<Values>> {
  return Type.Union(values.map((value) => Type.Literal(value)), options) as TUnion<Literals<Values>>;
}
