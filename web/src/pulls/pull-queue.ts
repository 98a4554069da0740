// Every pull goes through this queue so that an acknowledged-or-not pull is never lost: it is
// written to storage with its idempotency key before the first byte leaves the browser, and only
// removed once the server has answered with the problem or with a real refusal.
import type { Problem, RaiseProblemBody } from '../../../shared/problems.ts';
import { api, ApiError, UnreadableAnswerError } from '../api/http.ts';
import { backoffDelayMs, PULL_RETRY } from '../browser/backoff.ts';

export const PULL_QUEUE_STORAGE_KEY = 'andon.pull-queue.v1';
export const PULL_TIMEOUT_MS = 10_000;

/** What every kind of pull sends (the pull page's body, a kiosk's) and what its answer must have. */
interface PullBody { title?: string }
interface PullAnswer { number: number }

export interface QueuedPull<Body extends PullBody = RaiseProblemBody> {
  key: string;
  body: Body;
  queuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Why the last attempt did not go through, in words a person understands. */
  lastProblem?: string;
  needsSignIn?: boolean;
}

/** What the server said when it turned a pull down, kept as plain data for the page to show. */
export type Refusal = Pick<ApiError, 'status' | 'code' | 'message' | 'details'>;

export type PullOutcome<Body extends PullBody = RaiseProblemBody, Answer extends PullAnswer = Problem> =
  | { kind: 'sent'; key: string; body: Body; problem: Answer }
  | { kind: 'waiting'; key: string; reason: string; needsSignIn: boolean }
  | { kind: 'refused'; key: string; body: Body; refusal: Refusal }
  /** Already being sent by this tab, or already gone (another tab sent it). */
  | { kind: 'skipped'; key: string };

export interface PullQueueDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Defaults to the browser's. */
  fetch?: typeof fetch;
  newKey?: () => string;
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  endpoint?: string;
  /** One queue per person: a pull waiting on a shared device must go out under its author's name. */
  storageKey?: string;
}

/** A pull page's queue (the defaults), or a kiosk's: another endpoint, body and answer. */
export class PullQueue<Body extends PullBody = RaiseProblemBody, Answer extends PullAnswer = Problem> {
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<(outcome: PullOutcome<Body, Answer> | null) => void>();
  // Used when storage refuses writes (quota, private mode) so the pull still survives this page.
  private memory: QueuedPull<Body>[] = [];
  private storageRefusedWrite = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newKey: () => string;
  readonly storageKey: string;

  constructor(private readonly deps: PullQueueDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.newKey = deps.newKey ?? (() => crypto.randomUUID());
    this.storageKey = deps.storageKey ?? PULL_QUEUE_STORAGE_KEY;
    this.memory = this.readStorage() ?? [];
  }

  list(): QueuedPull<Body>[] {
    if (this.storageRefusedWrite) return this.memory;
    return this.readStorage() ?? this.memory;
  }

  /** Stores the pull first; the caller then sends it with `send(pull.key)`. */
  enqueue(body: Body): QueuedPull<Body> {
    const now = this.now();
    const pull: QueuedPull<Body> = { key: this.newKey(), body, queuedAt: now, attempts: 0, nextAttemptAt: now };
    this.write([...this.list(), pull]);
    this.emit(null);
    return pull;
  }

  async send(key: string): Promise<PullOutcome<Body, Answer>> {
    const pull = this.list().find((p) => p.key === key);
    if (!pull || this.inFlight.has(key)) return { kind: 'skipped', key };
    this.inFlight.add(key);
    this.emit(null);
    let outcome: PullOutcome<Body, Answer>;
    try {
      outcome = await this.attempt(pull);
    } finally {
      this.inFlight.delete(key);
    }
    this.settle(pull, outcome);
    this.emit(outcome);
    return outcome;
  }

  /** Sends every pull whose retry time has come (or every pull, when forced: page load, back online). */
  async flush(options: { force?: boolean } = {}): Promise<PullOutcome<Body, Answer>[]> {
    const now = this.now();
    const due = this.list().filter((p) => options.force || p.nextAttemptAt <= now);
    return Promise.all(due.map((p) => this.send(p.key)));
  }

  /** When the next retry is due, or null when nothing is waiting. */
  nextAttemptAt(): number | null {
    const waiting = this.list().filter((p) => !this.inFlight.has(p.key));
    if (waiting.length === 0) return null;
    return Math.min(...waiting.map((p) => p.nextAttemptAt));
  }

  subscribe(listener: (outcome: PullOutcome<Body, Answer> | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another tab changed the stored queue. */
  notifyExternalChange(): void {
    this.memory = this.readStorage() ?? this.memory;
    this.emit(null);
  }

  private async attempt(pull: QueuedPull<Body>): Promise<PullOutcome<Body, Answer>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.deps.timeoutMs ?? PULL_TIMEOUT_MS);
    try {
      const problem = await api<Answer | undefined>(this.deps.endpoint ?? '/api/problems', {
        method: 'POST',
        body: pull.body,
        headers: { 'Idempotency-Key': pull.key },
        signal: controller.signal,
        // A 401 keeps the pull waiting for the person to sign in again; it is not a sign-out from here.
        expectUnauthorized: true,
        fetch: this.deps.fetch,
      });
      // An unreadable success is retried: the same key returns the same problem.
      if (typeof problem?.number === 'number') return { kind: 'sent', key: pull.key, body: pull.body, problem };
      return waiting(pull, 'The server sent an answer we could not read.');
    } catch (failure) {
      return outcomeOfFailure(pull, failure, controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  private settle(pull: QueuedPull<Body>, outcome: PullOutcome<Body, Answer>): void {
    const rest = this.list().filter((p) => p.key !== pull.key);
    if (outcome.kind === 'waiting') {
      const current = this.list().find((p) => p.key === pull.key) ?? pull;
      const attempts = current.attempts + 1;
      const retried: QueuedPull<Body> = {
        ...current,
        attempts,
        nextAttemptAt: this.now() + backoffDelayMs(attempts - 1, PULL_RETRY, this.random),
        lastProblem: outcome.reason,
        needsSignIn: outcome.needsSignIn,
      };
      this.write(this.list().map((p) => (p.key === pull.key ? retried : p)));
    } else if (outcome.kind === 'sent' || outcome.kind === 'refused') {
      this.write(rest);
    }
  }

  private readStorage(): QueuedPull<Body>[] | null {
    let raw: string | null;
    try {
      raw = this.deps.storage.getItem(this.storageKey);
    } catch {
      return null;
    }
    if (raw === null) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((item): item is QueuedPull<Body> => isQueuedPull(item)) : [];
    } catch {
      return [];
    }
  }

  private write(pulls: QueuedPull<Body>[]): void {
    this.memory = pulls;
    try {
      this.deps.storage.setItem(this.storageKey, JSON.stringify(pulls));
      this.storageRefusedWrite = false;
    } catch {
      this.storageRefusedWrite = true;
      // Storage is full or blocked; the in-memory copy keeps the pull for this page's lifetime.
    }
  }

  private emit(outcome: PullOutcome<Body, Answer> | null): void {
    for (const listener of this.listeners) listener(outcome);
  }
}

function isQueuedPull(value: unknown): boolean {
  const pull = value as { key?: unknown; body?: unknown } | null;
  return typeof pull === 'object' && pull !== null && typeof pull.key === 'string' && typeof pull.body === 'object' && pull.body !== null;
}

function waiting(pull: QueuedPull<PullBody>, reason: string, needsSignIn = false): { kind: 'waiting'; key: string; reason: string; needsSignIn: boolean } {
  return { kind: 'waiting', key: pull.key, reason, needsSignIn };
}

function outcomeOfFailure<Body extends PullBody>(pull: QueuedPull<Body>, failure: unknown, timedOut: boolean): PullOutcome<Body, never> {
  if (failure instanceof ApiError) {
    const { status, code, message, details } = failure;
    if (status === 401) return waiting(pull, 'Your session has ended. Sign in again to send it.', true);
    if (status === 429) return waiting(pull, 'Many pulls came from here just now, so Andon asked to wait a moment.');
    if (status === 408 || status === 429 || status >= 500 || status < 200) {
      return waiting(pull, `The server is busy or unavailable (${status}).`);
    }
    return { kind: 'refused', key: pull.key, body: pull.body, refusal: { status, code, message, details } };
  }
  if (timedOut) return waiting(pull, 'The server did not answer in time.');
  if (failure instanceof UnreadableAnswerError) return waiting(pull, 'The server sent an answer we could not read.');
  // No answer at all (a NetworkError: offline, server down), so not a refusal: keep the pull.
  return waiting(pull, 'Could not reach the server.');
}
