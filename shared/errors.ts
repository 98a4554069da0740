import { Type, type Static } from 'typebox';

export const ErrorDetail = Type.Object({
  field: Type.Optional(Type.String({ description: 'Path of the offending field, e.g. "title"' })),
  message: Type.String(),
});
export type ErrorDetail = Static<typeof ErrorDetail>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. "validation_failed"' }),
      message: Type.String(),
      details: Type.Array(ErrorDetail),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;
