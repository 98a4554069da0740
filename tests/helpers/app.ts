import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Clock } from '../../server/clock.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import type { CreatedApiToken } from '../../shared/accounts.ts';
import { openTestDatabase } from './test-database.ts';

export const ORIGIN = 'http://localhost:3000';

/**
 * Scrypt at a 32nd of the production memory and a third of its threads: the same code path, so a
 * password is still hashed and checked, at a cost a run of thousands of sign-ins can afford. Servers
 * started as processes, and server/accounts/passwords.test.ts, hash at the production cost.
 */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export interface TestApp {
  app: FastifyInstance;
  db: AnyDatabase;
  clock: TestClock;
  close(): Promise<void>;
}

/** Real time, plus however far a test has moved it on: hours pass without waiting for them. */
export class TestClock implements Clock {
  private offset = 0;
  private frozenAt: number | null = null;
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }
  advance(ms: number): void {
    if (this.frozenAt === null) this.offset += ms;
    else this.frozenAt += ms;
  }
  /** From now on only `advance` moves the time: for figures a test checks to the millisecond. */
  freeze(): void {
    this.frozenAt = this.now();
  }
}

/**
 * A fresh app on a fresh migrated database of this project's kind (SQLite or PostgreSQL), on a
 * clock the test moves by hand; background jobs run only when the test calls `app.jobs.runDue()`.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config: Config = loadConfig({ PUBLIC_URL: ORIGIN, ANDON_AUTH_RATE_LIMIT: '1000', ...env });
  const database = await openTestDatabase();
  const clock = new TestClock();
  const app = await buildApp({ config, db: database.db, clock, runJobs: false, passwordCost: TEST_PASSWORD_COST });
  await app.ready();
  return {
    app,
    db: database.db,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Caller {
  cookie: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** Requests as a signed-in browser would send them: session cookie and the app's Origin. */
export function asBrowser(app: FastifyInstance, cookie: string): Caller {
  return {
    cookie,
    request: (options) =>
      app.inject({ ...options, headers: { origin: ORIGIN, cookie, ...(options.headers ?? {}) } }),
  };
}

export function sessionCookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === 'andon_session');
  if (!cookie) throw new Error('no session cookie in response');
  return `andon_session=${cookie.value}`;
}

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'a long enough password' };

/** Sets Andon up and answers a browser-like caller signed in as the first admin. */
export async function setUpAdmin(app: FastifyInstance): Promise<Caller> {
  const response = await app.inject({ method: 'POST', url: '/api/setup', headers: { origin: ORIGIN }, payload: ADMIN });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return asBrowser(app, sessionCookieOf(response));
}

/** Creates an API token as the admin and answers its Authorization header. */
export async function createToken(admin: Caller, name = 'monitoring'): Promise<string> {
  const response = await admin.request({ method: 'POST', url: '/api/tokens', payload: { name } });
  if (response.statusCode !== 201) throw new Error(`token failed: ${response.statusCode} ${response.body}`);
  return `Bearer ${response.json<CreatedApiToken>().token}`;
}
