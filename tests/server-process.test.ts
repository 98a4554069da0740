import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, setUpWithToken, startServer, tempDataDir } from './helpers/server-process.ts';

const data = tempDataDir();
afterAll(() => data.remove());

describe('the server process', () => {
  it('stops a bad setting at start with a one-line message naming the variable, and exit status 1', () => {
    for (const [name, value] of [['PORT', 'eighty'], ['PUBLIC_URL', 'localhost'], ['LOG_LEVEL', 'chatty']]) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, ANDON_DATA_DIR: data.dir, [name]: value }, encoding: 'utf8', timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(name);
    }
  });

  it('creates and migrates its database on first start, and on SIGTERM finishes in-flight pulls and exits 0 within 10 s', async () => {
    const server = await startServer({ dataDir: data.dir });
    const auth = await setUpWithToken(server.url);
    const pulls = Array.from({ length: 50 }, (_, i) =>
      fetch(`${server.url}/api/problems`, {
        method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ title: `in flight ${i}` }),
      }).then(async (r) => ({ status: r.status, body: r.status === 201 ? await r.json() : null }), () => ({ status: 0, body: null })),
    );
    await new Promise((r) => setTimeout(r, 20));
    const stoppedAt = Date.now();
    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    const results = await Promise.all(pulls);
    // A pull either was answered 201, or was refused/closed before it was accepted: never a 500.
    expect(results.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
    const acknowledged = results.filter((r) => r.status === 201).map((r) => r.body.title as string);

    const again = await startServer({ dataDir: data.dir });
    try {
      const list = await (await fetch(`${again.url}/api/problems?limit=200`, { headers: { authorization: auth } })).json();
      const titles = list.items.map((p: { title: string }) => p.title);
      for (const title of acknowledged) expect(titles).toContain(title);
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
