import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdPull, untilRefused } from './helpers/held-pull.ts';
import { streamPulls } from './helpers/pull-stream.ts';
import { freePort, repoRoot, SERVER_ARGS, setUpWithToken, startServer, tempDataDir } from './helpers/server-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

async function allProblemTitles(url: string, authorization: string): Promise<string[]> {
  const titles: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page = (await (await fetch(`${url}/api/problems?limit=200${query}`, { headers: { authorization } })).json()) as {
      items: { title: string }[]; nextCursor: string | null;
    };
    titles.push(...page.items.map((p) => p.title));
    cursor = page.nextCursor;
  } while (cursor);
  return titles;
}

describe('the server process', () => {
  it('stops a bad setting at start with a one-line message naming the variable, and exit status 1', async () => {
    // Side by side: each is a whole Node.js start, slow on a loaded 2-core machine.
    const bad = [['PORT', 'eighty'], ['PUBLIC_URL', 'localhost'], ['LOG_LEVEL', 'chatty']] as const;
    const results = await Promise.all(bad.map(([name, value]) => new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, SERVER_ARGS, {
        cwd: repoRoot,
        env: { ...process.env, ANDON_DATA_DIR: data.dir, [name]: value }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (status) => resolve({ status, stderr }));
    })));
    results.forEach((result, i) => {
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(bad[i][0]);
    });
  }, 90_000);

  it('creates and migrates its database on first start, and on SIGTERM answers every pull it has received, keeps each, and exits 0 within 10 s', async () => {
    const server = await startServer({ dataDir: data.dir });
    const auth = await setUpWithToken(server.url);
    const run = randomUUID().slice(0, 8);

    const held = await Promise.all(Array.from({ length: 10 }, (_, i) => holdPull(server.url, auth, { title: `held ${run} ${i}` })));
    const stream = streamPulls(server.url, auth, `streamed ${run}`, 8);
    await stream.answered(20);

    const signalledAt = Date.now();
    const exited = server.stop('SIGTERM');
    // Only once the server has stopped listening do the held pulls send their bodies: a server that
    // exits on the signal instead of draining cannot answer them.
    await untilRefused(server.port);
    const heldAnswers = await Promise.all(held.map((pull) => pull.finish()));
    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await stream.ended;

    expect(heldAnswers.map((a) => [a.status, a.body?.title])).toEqual(held.map((_, i) => [201, `held ${run} ${i}`]));
    const streamed = stream.results;
    // The signal came while the stream was running: some pulls sent before it were answered, and it
    // ended only because the server refused (closed, or 503 while draining), never with a 500.
    expect(streamed.filter((r) => r.sentAt < signalledAt && r.status === 201).length).toBeGreaterThanOrEqual(20);
    expect(streamed.filter((r) => ![201, 503, 0].includes(r.status))).toEqual([]);
    const acknowledged = [...heldAnswers, ...streamed].filter((r) => r.status === 201).map((r) => r.body!);

    const again = await startServer({ dataDir: data.dir });
    try {
      for (const { number, title } of acknowledged) {
        const response = await fetch(`${again.url}/api/problems/${number}`, { headers: { authorization: auth } });
        expect([response.status, ((await response.json()) as { title: string }).title]).toEqual([200, title]);
      }
      // Nothing refused was kept either: what this run stored is exactly what it was told was stored.
      const stored = (await allProblemTitles(again.url, auth)).filter((title) => title.includes(run));
      expect(stored.sort()).toEqual(acknowledged.map((p) => p.title).sort());
    } finally {
      expect(await again.stop('SIGTERM')).toBe(0);
    }
  }, 60_000);

  it('under `npm start`, a SIGTERM to npm (what a supervisor signals) stops the server cleanly', async () => {
    const own = tempDataDir();
    try {
      const port = await freePort();
      const npm = spawn('npm', ['start'], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ANDON_DATA_DIR: own.dir, LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 30_000;
      while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
        if (Date.now() > deadline) throw new Error('npm start did not answer /healthz within 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The server itself is gone (nothing orphaned still listening), and it closed its database.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(existsSync(path.join(own.dir, 'andon.sqlite-wal'))).toBe(false);
    } finally {
      own.remove();
    }
  }, 60_000);
});
