import type { ErrorDetail } from '../../../shared/errors.ts';
import { ApiError, describeError } from '../api/http.ts';

/** What went wrong with a submitted form: one message for the form, one per field where known. */
export interface FormProblem {
  message: string;
  fields: Record<string, string>;
}

// Servers name fields as "title", "/title" or "body/title"; the form only knows "title".
function fieldName(path: string): string {
  const parts = path.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function formProblem(error: unknown): FormProblem {
  const fields: Record<string, string> = {};
  const details: ErrorDetail[] = error instanceof ApiError ? error.details : [];
  for (const detail of details) {
    if (detail.field) fields[fieldName(detail.field)] ??= detail.message;
  }
  return { message: describeError(error), fields };
}
