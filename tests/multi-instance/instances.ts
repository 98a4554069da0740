// Real Andon server processes sharing one PostgreSQL database, for the multi-instance tests.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Problem, ProblemList } from '../../shared/problems.ts';
import { startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';
import { testDatabaseKind } from '../helpers/test-database.ts';

/**
 * Declares `body` on PostgreSQL only. On SQLite the same file states (and checks) why: without
 * DATABASE_URL an instance keeps its data in its own directory, so there is nothing to share.
 * A plain branch rather than skipIf, so neither project reports a skipped test.
 */
export function describeSeveralInstances(name: string, body: () => void): void {
  if (testDatabaseKind() === 'postgres') {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it('needs PostgreSQL: without DATABASE_URL each instance runs on SQLite in its own data directory', () => {
      const config = loadConfig({ ANDON_DATA_DIR: '/srv/andon-a' });
      expect(config.databaseUrl).toBeNull();
      expect(config.dataDir).toBe('/srv/andon-a');
    });
  });
}

/** Servers this file started; `killAll` in afterAll/afterEach ends whatever is still running. */
export function instanceGroup() {
  const started: ServerProcess[] = [];
  const dataDirs: Array<{ remove(): void }> = [];
  return {
    /** Starts one instance on `databaseUrl`; its data dir is unused on PostgreSQL but must exist. */
    async start(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
      const data = tempDataDir();
      dataDirs.push(data);
      const server = await startServer({ dataDir: data.dir, env: { DATABASE_URL: databaseUrl, ...env } });
      started.push(server);
      return server;
    },
    async killAll(): Promise<void> {
      await Promise.all(started.splice(0).map((server) => server.stop('SIGKILL')));
      for (const data of dataDirs.splice(0)) data.remove();
    },
  };
}

export interface Pulled {
  status: number;
  replayed: boolean;
  number: number;
  title: string;
}

/** One pull over HTTP; with a key, a retry is answered what the first attempt was. */
export async function pull(url: string, auth: string, title: string, key?: string): Promise<Pulled> {
  const response = await fetch(`${url}/api/problems`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ title }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as Problem;
  if (response.status !== 201) throw new Error(`pull "${title}" answered ${response.status}: ${JSON.stringify(body)}`);
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', number: body.number, title: body.title };
}

/** Runs `count` tasks, at most `inFlight` at a time, and answers their results in task order. */
export async function inFlight<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

/** Every problem, read page by page through the API. */
export async function allProblems(url: string, auth: string): Promise<Array<{ number: number; title: string }>> {
  const problems: Array<{ number: number; title: string }> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const response = await fetch(`${url}/api/problems?limit=200${query}`, { headers: { authorization: auth } });
    if (!response.ok) throw new Error(`GET /api/problems answered ${response.status}`);
    const page = (await response.json()) as ProblemList;
    problems.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return problems;
}

/** ws://… for the live endpoint of an instance at `url`. */
export const liveUrl = (url: string) => `${url.replace(/^http/, 'ws')}/api/live`;
