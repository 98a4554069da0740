// Domain errors carry a stable code and an HTTP status; the error handler turns them into
// { error: { code, message, details } }. Pass `{ cause }` when an error stands for a lower-level
// one, so the log keeps what the caller is not shown.
import type { ErrorDetail } from '../shared/errors.ts';

export type { ErrorDetail };

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(message: string, details: ErrorDetail[] = [], options?: ErrorOptions) {
    super(400, 'validation_failed', message, details, options);
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  constructor(message = 'Sign in or send an API token', options?: ErrorOptions) {
    super(401, 'unauthorized', message, [], options);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(code = 'forbidden', message = 'You are not allowed to do that', options?: ErrorOptions) {
    super(403, code, message, [], options);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(what: string, options?: ErrorOptions) {
    super(404, 'not_found', `${what} not found`, [], options);
  }
}

/** The request is well formed but the current state does not allow it (a taken slug, a move the status rules forbid). */
export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(409, code, message, [], options);
  }
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  /** `retryIn` is how @fastify/rate-limit words the wait, e.g. "1 minute". */
  constructor(retryIn: string, options?: ErrorOptions) {
    super(429, 'rate_limited', `Too many attempts; try again in ${retryIn}`, [], options);
  }
}
