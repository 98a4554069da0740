import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../server/db/sqlite-client.ts';
import type { Problem, ProblemList } from '../shared/problems.ts';
import { setUpWithToken, startServer, tempDataDir, type ServerProcess } from './helpers/server-process.ts';
import { testDatabaseKind } from './helpers/test-database.ts';

const RAISES = 600;
const data = tempDataDir();
// On PostgreSQL, startServer gives `data` a database of its own, which the restart finds again.
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  data.remove();
});

function raise(url: string, auth: string, i: number): Promise<Response> {
  return fetch(`${url}/api/problems`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': `crash-${i}` },
    body: JSON.stringify({ title: `crash pull ${i}`, level: i % 5 === 0 ? 'stop' : 'help' }),
    signal: AbortSignal.timeout(20_000),
  });
}

async function allProblems(url: string, auth: string): Promise<Array<{ number: number; title: string }>> {
  const problems: Array<{ number: number; title: string }> = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page = (await (await fetch(`${url}/api/problems?limit=200${query}`, { headers: { authorization: auth } })).json()) as ProblemList;
    problems.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return problems;
}

describe('a pull that got its 201 is on disk', () => {
  it('survives SIGKILL in the middle of 600 concurrent raises; retries with the same key create nothing twice', async () => {
    server = await startServer({ dataDir: data.dir });
    const auth = await setUpWithToken(server.url);

    const acknowledged = new Map<number, number>(); // raise index → problem number
    const unanswered: number[] = [];
    let killed = false;
    const first = server;
    await Promise.all(Array.from({ length: RAISES }, async (_, i) => {
      try {
        const response = await raise(first.url, auth, i);
        if (response.status !== 201) throw new Error(`status ${response.status}`);
        const problem = (await response.json()) as Problem;
        acknowledged.set(i, problem.number);
        // Kill once a fair share is acknowledged, while the rest are still in flight.
        if (!killed && acknowledged.size >= RAISES / 5) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        unanswered.push(i);
      }
    }));
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(RAISES / 5);
    expect(unanswered.length).toBeGreaterThan(0);

    server = await startServer({ dataDir: data.dir, port: first.port });
    for (const i of unanswered) {
      const response = await raise(server.url, auth, i);
      expect(response.status).toBe(201);
      acknowledged.set(i, ((await response.json()) as Problem).number);
    }

    const problems = await allProblems(server.url, auth);
    const titles = problems.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length); // nothing twice
    expect(titles).toHaveLength(RAISES); // every raise exactly once
    // Every acknowledged number, before or after the crash, still names the problem it was given for.
    const titleByNumber = new Map(problems.map((p) => [p.number, p.title]));
    for (const [i, number] of acknowledged) expect(titleByNumber.get(number)).toBe(`crash pull ${i}`);

    expect(await server.stop('SIGTERM')).toBe(0);
    if (testDatabaseKind() === 'sqlite') {
      const db = openSqlite(path.join(data.dir, 'andon.sqlite'));
      try {
        expect(await db.integrityCheck()).toBe('ok');
      } finally {
        await db.close();
      }
    }
  }, 120_000);
});
