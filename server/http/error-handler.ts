import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type ErrorDetail } from '../errors.ts';

interface AjvIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

// Node lower-cases header names before validation; callers wrote them as `Idempotency-Key`.
const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

function fieldOf(issue: AjvIssue, context: string | undefined): string | undefined {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  let field = path;
  if (issue.keyword === 'required') field = [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
  if (issue.keyword === 'additionalProperties') field = [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
  if (!field) return undefined;
  return context === 'headers' ? headerName(field) : field;
}

function messageOf(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not a known field';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

// Fastify's own client-error codes, in words a caller can act on.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
};

function send(reply: FastifyReply, status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return reply.status(status).send({ error: { code, message, details } });
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError && error.statusCode < 500) {
    // The caller sees only the code; a lower-level cause (a constraint, a remote answer) would be lost without this line.
    if (error.cause !== undefined) request.log.info({ err: error }, 'request refused');
    return send(reply, error.statusCode, error.code, error.message, error.details);
  }
  if (error.validation) {
    const where = error.validationContext;
    const details = (error.validation as AjvIssue[]).map((issue) => ({ field: fieldOf(issue, where), message: messageOf(issue) }));
    const first = details.at(0);
    const summary = first ? `${first.field ?? where ?? 'request'} ${first.message}` : `Invalid ${where ?? 'request'}`;
    return send(reply, 400, 'validation_failed', summary, details);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, body too large, bad content type).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- anything thrown lands here, not only FastifyErrors: `code` may be missing
    const code = FASTIFY_CODES[error.code] ?? (error.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    return send(reply, status, code, error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
}

/**
 * Every error and every unknown route answers `{ error: { code, message, details } }`. Wrapped with
 * fastify-plugin so the handlers are set on the root and every route context inherits them.
 */
export const errorHandling = fp(async (app) => {
  app.setErrorHandler(handleError);
  // The only place a 404 for an unknown route is worded; other routes reach it with reply.callNotFound().
  app.setNotFoundHandler((request, reply) => send(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
}, { name: 'error-handling' });
