// Times each query of GET /api/flow on a database seeded like the bench's flow phase:
//   node --import tsx bench/tools/flow-queries.ts [problems] [keep]
// on a SQLite file (FLOW_PROFILE_DB, default flow-profile.sqlite), or, with FLOW_PROFILE_URL, on
// that (empty, or with `keep` already seeded) PostgreSQL database, set up first as the bench's is. The whole report is timed too,
// as the service asks for it (rollup and edges, then the learnings' figures; in turn on PostgreSQL).
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { seed } from '../../bench/phases/flow.ts';
import { rollUpSeed } from '../lib/roll-up-seed.ts';
import { rollUpMarkedDays } from '../../server/flow/rollup/job.ts';
import { readRolledUpDays } from '../../server/flow/rollup/store.ts';
import { createFlowService } from '../../server/flow/service.ts';
import * as store from '../../server/flow/store.ts';
import { mostRecurred } from '../../server/flow/learnings/figures.ts';
import * as ls from '../../server/flow/learnings/store.ts';
import { readProblemFigures } from '../../server/flow/rollup/read.ts';
import type { Reads } from '../../server/db/client.ts';
import { Sql, sql } from '../../server/db/sql.ts';
import { DISMISS_WORDING } from '../../server/problems/status-change.ts';

const n = Number(process.argv[2] ?? 10000);
const fresh = process.argv[3] !== 'keep';
const url = process.env.FLOW_PROFILE_URL;
const rounds = Number(process.env.FLOW_PROFILE_ROUNDS ?? 5);
let db: AnyDatabase;
if (url) {
  db = await openPostgres(url, { poolSize: 10 });
} else {
  const file = process.env.FLOW_PROFILE_DB ?? 'flow-profile.sqlite';
  if (fresh) rmSync(file, { force: true });
  db = openSqlite(file);
}
await migrateDatabase(db);
// FLOW_PROFILE_NOW: the time the history ends at, and the report is asked at (ms; "now" for the clock).
const now = process.env.FLOW_PROFILE_NOW === 'now' ? Date.now() : Number(process.env.FLOW_PROFILE_NOW ?? 1796000000000);
// Set up first, as the bench's phase and every real database are: the admin and the General area
// (an area with no problems of its own changes the plans of the per-area reads).
if (fresh) {
  await db.run(sql`insert into users (id, name, email, password_hash, role, created_at) values (${randomUUID()}, 'Admin', 'admin@example.com', 'not a hash', 'admin', ${now})`);
  await db.run(sql`insert into areas (id, slug, name, description, response_target_minutes, created_at) values (${randomUUID()}, 'general', 'General', '', 15, ${now})`);
  await seed(db, n, now);
}
// Kept: the migrations may have just marked every day (rolled up here as the job would) and added
// indexes, which need statistics too.
else {
  await rollUpSeed(db);
  await db.run(db.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`);
}
// As the service reads: on SQLite through its read worker (CPU time counts every thread of this process).
// FLOW_PROFILE_EXPLAIN=1 prints each statement's plan instead (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS)).
const explain = process.env.FLOW_PROFILE_EXPLAIN === '1';
const explaining = (inner: Reads): Reads => ({
  dialect: inner.dialect,
  async all<T>(query: Sql) {
    const prefix = inner.dialect === 'postgres' ? 'explain (analyze, buffers) ' : 'explain query plan ';
    const plan = await inner.all<Record<string, string | number>>(new Sql([prefix + query.strings[0], ...query.strings.slice(1)], query.values));
    console.log(plan.map((row) => (inner.dialect === 'postgres' ? Object.values(row)[0] : `${row.id}<-${row.parent} ${row.detail}`)).join('\n'));
    return [] as T[];
  },
  one: () => Promise.resolve(undefined),
});
const reads = explain ? explaining(db.reads) : db.reads;
const DAY = 86_400_000;
const period = { from: now - 90 * DAY, to: now, areaId: null };
const firstDay = Math.ceil(period.from / DAY) * DAY;
const endDay = Math.floor(period.to / DAY) * DAY;
const edges = [{ from: period.from, to: firstDay }, { from: endDay, to: period.to }];
// The days a week of the period starts in the middle of: their pulls are counted from the problems.
const weekDays = Array.from({ length: 12 }, (_, k) => {
  const day = Math.floor((period.from + (k + 1) * 7 * DAY) / DAY) * DAY;
  return { from: day, to: day + DAY };
});
const recurredIds = mostRecurred([...(await readProblemFigures(db.reads, period, now, DISMISS_WORDING, 7 * DAY, false)).areas.values()].map((f) => f.learnings));
const only = process.env.FLOW_PROFILE_ONLY?.split(',');
const all: Record<string, () => Promise<unknown>> = {
  rollup: () => readRolledUpDays(reads, firstDay, endDay, null),
  edges: () => store.countDays(reads, edges, null, now, DISMISS_WORDING),
  weekPulls: () => store.countPulls(reads, [...edges, ...weekDays], null, period.from, 7 * DAY),
  // How often each learning recurred comes with the problems' figures; this names the most recurred.
  recurrences: () => ls.describeLearnings(reads, recurredIds),
  suggestions: () => ls.countSuggestions(reads, period),
  spread: () => ls.countSpread(reads, period),
  followUps: () => ls.countFollowUps(reads, period, new Date(now).toISOString().slice(0, 10)),
  // What the report would read with no rollup: every day of the period from the problems.
  unrolled: () => store.countDays(reads, [period], null, now, DISMISS_WORDING),
};
// FLOW_PROFILE_ONLY=spread,edges times only those (and not the whole report).
const fns = only ? Object.fromEntries(Object.entries(all).filter(([name]) => only.includes(name))) : all;
const service = createFlowService(db, { now: () => now });
if (!only && !explain) fns.report = () => service.report({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() });
async function time(name: string, fn: () => Promise<unknown>) {
  if (explain) {
    console.log(`--- ${name}`);
    await fn();
    return;
  }
  await fn();
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await fn();
  const used = process.cpuUsage(cpu);
  // CPU time as well as wall time: on a shared machine the wall time is mostly waiting for a core.
  // On PostgreSQL the CPU time is this process's only (the driver), not the server's.
  console.log(name.padEnd(12), 'wall', ((performance.now() - t) / rounds).toFixed(1), 'ms, cpu', ((used.user + used.system) / (rounds * 1000)).toFixed(1), 'ms');
}
for (const [name, fn] of Object.entries(fns)) await time(name, fn);

// FLOW_PROFILE_BACKFILL=100,10: every day marked again (as after an upgrade), then one rollup
// transaction of that many days timed, the sizes taking turns: how long the job holds the writer.
const sizes = process.env.FLOW_PROFILE_BACKFILL?.split(',').map(Number) ?? [];
const held: Record<number, Array<{ wall: number; cpu: number }>> = {};
for (let round = 0; round < rounds && sizes.length > 0; round++) {
  for (const size of sizes) {
    await db.run(sql`insert into flow_day_marks (area_id, day) select area_id, day from flow_days`);
    const t = performance.now();
    const cpu = process.cpuUsage();
    await db.transaction((tx) => rollUpMarkedDays(tx, size));
    const used = process.cpuUsage(cpu);
    (held[size] ??= []).push({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000 });
    await rollUpSeed(db);
  }
}
for (const [size, runs] of Object.entries(held)) {
  const mean = (key: 'wall' | 'cpu') => (runs.reduce((sum, run) => sum + run[key], 0) / runs.length).toFixed(1);
  console.log(`backfill ${size} days`.padEnd(12), 'wall', mean('wall'), 'ms, cpu', mean('cpu'), 'ms per transaction');
}
await db.close();
