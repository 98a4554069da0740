import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { Static, TSchema } from 'typebox';

// Bodies are validated strictly: `"title": 5` is refused, never coerced to "5".
// Query strings and path params are text on the wire, so those are coerced to the declared type.
const strict = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, removeAdditional: false, strict: false });
const coercing = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, removeAdditional: false, strict: false });
addFormats(strict);
addFormats(coercing);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);

/**
 * For a route whose body schema is documentation only (it depends on who is calling and is checked
 * in the handler with `bodyCheck`): params and query are still validated.
 */
export const bodyCheckedInHandler: FastifySchemaCompiler<object> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

/**
 * A body check for a route whose schema depends on who is calling (an integration's kind): its
 * failure is worded by the error handler exactly like a route schema's.
 */
export function bodyCheck<S extends TSchema>(schema: S): (body: unknown) => Static<S> {
  const validate = strict.compile<Static<S>>(schema);
  return (body) => {
    if (!validate(body)) throw Object.assign(new Error('body is invalid'), { validation: validate.errors, validationContext: 'body', statusCode: 400 });
    return body;
  };
}
