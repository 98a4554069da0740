// Search and suggest over HTTP, this tree's server beside an older commit's, on one seeded library:
// node --import tsx bench/tools/learnings-http.ts <seeded.sqlite | postgres://…/seeded> [learnings] [before-commit]
// Each server runs as `npm start` does on a copy of the file of its own (seed one with
// `learnings-queries.ts sqlite N keep`), or of the PostgreSQL database (`create database … template`);
// requests alternate between them query by query, which goes first swapping each time, so both meet
// the same machine load. Besides wall time it reads each server's CPU time per request from /proc
// (every thread's, and the main thread's alone: the rest is the read workers'; on PostgreSQL the
// main thread's and its database's server processes'), which the load of other work on the machine
// inflates far less.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addBeforeWorktree, type BeforeWorktree } from '../lib/before-worktree.ts';
import { generateQuery, random } from '../lib/learning-text.ts';
import { get } from '../lib/pulls-under-load.ts';
import { startServer, type RunningServer } from '../lib/servers.ts';
import { summarize } from '../lib/stats.ts';

const file = process.argv.at(2);
const beforeCommit = process.argv.at(4);
if (!file) throw new Error('usage: learnings-http.ts <seeded.sqlite | postgres://…/seeded> [learnings] [before-commit]');
const postgresSource = file.startsWith('postgres://') ? new URL(file) : null;
// On PostgreSQL a side's database work is done by its connections' server processes, found by database.
const admin = postgresSource ? new pg.Client({ connectionString: file.replace(/\/[^/]*$/, '/postgres') }) : null;
await admin?.connect();
const n = Number(process.argv.at(3) ?? 100_000);
const requests = Number(process.env.LEARNINGS_HTTP_REQUESTS ?? 200);
const work = mkdtempSync(path.join(os.tmpdir(), 'andon-learnings-http-'));
const before: BeforeWorktree | null = beforeCommit ? addBeforeWorktree(beforeCommit) : null;

const sides: Array<{ name: string; server: RunningServer; database?: string }> = [];
try {
  for (const [name, sourceRoot] of [['now', undefined], ...(before ? [[`before (${before.commit})`, before.dir]] : [])] as const) {
    const dir = path.join(work, String(sides.length));
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    let databaseUrl: string | undefined;
    let database: string | undefined;
    if (postgresSource && admin) {
      database = `learnings_http_${process.pid}_${sides.length}`;
      await admin.query(`create database ${database} template ${postgresSource.pathname.slice(1)}`);
      databaseUrl = new URL(`/${database}`, postgresSource).href;
    } else {
      copyFileSync(file, path.join(dir, 'data', 'andon.sqlite'));
    }
    const kind = sourceRoot ? 'before' : databaseUrl ? 'postgres' : 'product';
    const server = await startServer(kind, { workDir: dir, inspect: false, cpuProfDir: null, logLevel: 'warn', tag: `learnings-http-${sides.length}`, sourceRoot, databaseUrl });
    sides.push({ name, server, database });
  }
  await measure();
} finally {
  for (const { server } of sides) await server.stop();
  for (const { database } of sides) if (database) await admin?.query(`drop database if exists ${database}`);
  await admin?.end();
  before?.remove();
  rmSync(work, { recursive: true, force: true });
}

function schedstat(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0; // a connection that closed meanwhile
  }
}

/** CPU time in ms of a side so far: all its threads (and its database's server processes), and its main thread alone. */
async function cpu(side: (typeof sides)[number]): Promise<{ all: number; main: number }> {
  const { server, database } = side;
  const of = (task: string) => schedstat(`/proc/${server.pid}/task/${task}/schedstat`);
  let all = readdirSync(`/proc/${server.pid}/task`).reduce((sum, task) => sum + of(task), 0);
  if (database && admin) {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    all += rows.reduce((sum, row) => sum + schedstat(`/proc/${row.pid}/schedstat`), 0);
  }
  return { all, main: of(String(server.pid)) };
}

async function measure(): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const next = random(n + 7);
  const queries = Array.from({ length: requests + 10 }, () => generateQuery(next));
  // As the learnings phase asks for suggestions: the words so far, the last one half typed.
  const partial = queries.map((q) => q.slice(0, Math.max(3, Math.ceil(q.length * (0.4 + next() * 0.6)))));
  for (const [name, list, route] of [['search', queries, '/api/learnings?q='], ['suggest', partial, '/api/learnings/suggest?q=']] as const) {
    const times = sides.map(() => ({ wall: [] as number[], all: [] as number[], main: [] as number[] }));
    for (const [i, q] of list.entries()) {
      const order = i % 2 ? [...sides.keys()].reverse() : [...sides.keys()];
      for (const k of order) {
        const { server } = sides[k];
        const start = await cpu(sides[k]);
        const started = performance.now();
        await get(agent, server, route + encodeURIComponent(q));
        const wall = performance.now() - started;
        const end = await cpu(sides[k]);
        // The first requests warm the JIT; they are not counted.
        if (i < 10) continue;
        times[k].wall.push(wall);
        times[k].all.push(end.all - start.all);
        times[k].main.push(end.main - start.main);
      }
    }
    for (const [k, { name: side }] of sides.entries()) {
      const [wall, all, main] = [times[k].wall, times[k].all, times[k].main].map(summarize);
      console.log(`${name} ${side}: wall p50 ${wall.p50.toFixed(1)} / p99 ${wall.p99.toFixed(1)} ms; server CPU p50 ${all.p50.toFixed(1)} / p99 ${all.p99.toFixed(1)} ms ` +
        `(main thread ${main.p50.toFixed(1)} / ${main.p99.toFixed(1)})`);
    }
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  agent.destroy();
}
