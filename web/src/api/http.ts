import type { ErrorBody, ErrorDetail } from '../../../shared/errors.ts';

/** The server answered with an error body (or something we could not read as one). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, server down, or it took too long. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** The server said yes, but the body did not arrive whole or was not JSON. Asking again is safe where the request is idempotent. */
export class UnreadableAnswerError extends Error {
  override name = 'UnreadableAnswerError';
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;

/** The session provider listens so an expired session sends the person to sign-in from any page. */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

/** Something other than an HTTP answer (the live connection closing with 4401) says the session is over. */
export function signalSignedOut(): void {
  onUnauthorized?.();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Some calls (e.g. GET /api/me) expect 401 and must not trigger the global sign-out. */
  expectUnauthorized?: boolean;
  /** Lets the request finish after the page is gone (a report sent as the person leaves). */
  keepalive?: boolean;
  /** Defaults to the browser's; the pull queue's tests hand in a fake network. */
  fetch?: typeof fetch;
}

export async function readError(response: Response): Promise<ApiError> {
  // Whatever answered (a proxy, a crashed server) may not have sent our envelope, or JSON at all.
  const body = (await response.json().catch(() => null)) as { error?: Partial<ErrorBody['error']> } | null;
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(response.status, error.code ?? 'error', error.message, Array.isArray(error.details) ? error.details : []);
  }
  return new ApiError(response.status, `http_${response.status}`, `The server answered ${response.status} ${response.statusText}`.trim());
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const init: RequestInit = { method: options.method ?? 'GET', headers, body, credentials: 'same-origin', signal: options.signal, keepalive: options.keepalive };
  let response: Response;
  try {
    response = await (options.fetch ? options.fetch(path, init) : fetch(path, init));
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new NetworkError('Could not reach the Andon server. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return readAnswer<T>(response, options.signal);
}

async function readAnswer<T>(response: Response, signal: AbortSignal | undefined): Promise<T> {
  try {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new UnreadableAnswerError('The server sent an answer we could not read.', { cause });
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError) return error.message;
  return 'Something went wrong. Please try again.';
}
