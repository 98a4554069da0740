// The flow measures with 100,000 problems: `GET /api/flow` for a 90-day period, on SQLite and on
// PostgreSQL side by side. The problems are written straight into a migrated database (through the
// API they would take an hour), spread over a year in four areas, with what a real history holds (see
// `seed`). Then Andon runs as `npm start` does, in its own process, and this process asks it for the
// report, and measures what the reports cost the pulls: the same open-loop pulls alone and while
// leads keep asking for the report.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openPostgres } from '../../server/db/postgres-client.ts';
import { sql } from '../../server/db/sql.ts';
import { openSqlite } from '../../server/db/sqlite-client.ts';
import { rollUpSeed } from '../lib/roll-up-seed.ts';
import { now as clockNow } from '../lib/clock.ts';
import type { BenchPostgres } from '../lib/postgres.ts';
import { get, pullsAloneAndUnderLoad, type PullsUnderLoad } from '../lib/pulls-under-load.ts';
import { startServer, type RunningServer, type StartOptions } from '../lib/servers.ts';
import { summarize, type Summary } from '../lib/stats.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const SPAN_DAYS = 365;
const HOUR = 60 * MINUTE;
const BATCH = 500;

export interface FlowPhaseOptions {
  problems: number;
  requests: number;
  workDir: string;
  postgres: BenchPostgres;
  /** Pulls at a steady rate, alone and while `reporters` leads each ask for the report again as soon as it answers. */
  pulls: { ratePerSec: number; count: number };
  reporters: number;
  databases: Array<'sqlite' | 'postgres'>;
  /** Where the servers write their CPU profiles (BENCH_CPU_PROF), or null. */
  cpuProfDir: string | null;
  log: (line: string) => void;
}

export interface FlowDatabaseResult {
  database: 'sqlite' | 'postgres';
  problems: number;
  /** How many of them the 90-day period holds. */
  inPeriod: number;
  seedSeconds: number;
  latency: Summary;
  /** The pulls' latency alone and while reports were asked for; the load: those reports' times. */
  pulls: PullsUnderLoad<number[]>;
}

// A small deterministic generator: every run measures the same history.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const AREAS = 4;
const PEOPLE_PER_AREA = 10;

/**
 * People to respond, swarm and read: ten per area, three of them its responders. The admin made by
 * the set-up is not one of them, so the history is the same on every run.
 */
async function seedPeople(db: AnyDatabase, areaIds: readonly string[], at: number): Promise<string[]> {
  const people = Array.from({ length: AREAS * PEOPLE_PER_AREA }, () => randomUUID());
  await db.transaction(async (tx) => {
    await tx.run(sql`insert into users (id, name, email, password_hash, role, created_at) values ${sql.join(people.map((id, i) =>
      sql`(${id}, ${`Bench person ${i}`}, ${`bench-${i}@example.com`}, 'not a hash: nobody signs in', 'member', ${at})`))}`);
    await tx.run(sql`insert into area_responders (area_id, user_id) values ${sql.join(areaIds.flatMap((areaId, a) =>
      [0, 1, 2].map((r) => sql`(${areaId}, ${people[a * PEOPLE_PER_AREA + r]})`)))}`);
  });
  return people;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A year of history in four areas: problems with their milestones, countdowns, escalations and
 * dismissals; a swarmer's join on each answered one; a published learning (with a follow-up action
 * and a few acknowledgements) for each learned one; recurrences linked to earlier learnings; and the
 * suggestions people were shown and opened while pulling. Written in batches straight into the
 * tables, as a database grown to this size would hold them.
 */
export async function seed(db: AnyDatabase, count: number, now: number): Promise<void> {
  const next = random(13);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const areaIds: string[] = [];
  await db.transaction(async (tx) => {
    for (let a = 0; a < AREAS; a++) {
      const id = randomUUID();
      areaIds.push(id);
      await tx.run(sql`insert into areas (id, slug, name, description, response_target_minutes, created_at)
        values (${id}, ${`bench-area-${a}`}, ${`Bench area ${a}`}, '', ${[5, 10, 15, 30][a]}, ${now - SPAN_DAYS * DAY})`);
    }
  });
  const people = await seedPeople(db, areaIds, now - SPAN_DAYS * DAY);
  const learningIds: string[] = [];
  let docId = 0;
  const kinds = ['user', 'user', 'user', 'token', 'link', 'integration'] as const;
  for (let start = 0; start < count; start += BATCH) {
    const earlier = learningIds.length;
    const earlierLearning = () => learningIds[Math.floor(next() * earlier)];
    await db.transaction(async (tx) => {
      const problems = [];
      const escalations = [];
      const dismissals = [];
      const joins = [];
      const learnings = [];
      const followUps = [];
      const acknowledgements = [];
      const recurrences = [];
      const views = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const id = randomUUID();
        const raisedAt = now - Math.floor(next() * SPAN_DAYS * DAY);
        const level = next() < 0.2 ? 'stop' : 'help';
        const areaIndex = Math.floor(next() * AREAS);
        const areaPeople = people.slice(areaIndex * PEOPLE_PER_AREA, (areaIndex + 1) * PEOPLE_PER_AREA);
        const targetMs = [5, 10, 15, 30][areaIndex] * MINUTE / (level === 'stop' ? 2 : 1);
        const dismissed = next() < 0.05;
        const responded = dismissed ? null : raisedAt + Math.floor(next() * targetMs * 3);
        const contained = responded === null || next() < 0.1 ? null : responded + Math.floor(next() * 60 * MINUTE);
        const resolved = contained === null || next() < 0.1 ? null : contained + Math.floor(next() * 8 * 60 * MINUTE);
        const learned = resolved === null || next() < 0.3 ? null : resolved + Math.floor(next() * 5 * DAY);
        const status = dismissed ? 'dismissed' : learned ? 'learned' : resolved ? 'resolved' : contained ? 'contained' : 'swarming';
        const step = responded !== null && responded > raisedAt + targetMs ? 1 + Math.floor(next() * 2) : 0;
        const kind = kinds[Math.floor(next() * kinds.length)];
        problems.push(sql`(${id}, ${i + 1}, ${'A bench problem'}, '', ${areaIds[areaIndex]}, ${level}, ${status}, ${kind},
          'bench', 'Bench', ${raisedAt}, ${raisedAt}, ${responded}, ${contained}, ${resolved}, ${learned}, ${raisedAt + targetMs}, ${step}, 0)`);
        escalations.push(sql`(${id}, ${raisedAt + targetMs}, ${step}, 0, ${step > 0 ? raisedAt + targetMs : null}, null)`);
        if (dismissed) dismissals.push(sql`(${id}, 'raised', 'dismissed', ${next() < 0.5 ? 'Not a problem' : 'Duplicate of #1'}, 'user', 'bench', 'Bench', ${raisedAt + MINUTE})`);
        if (responded !== null) {
          const swarmer = next() < 0.9 ? pick(areaPeople) : pick(people);
          joins.push(sql`(${randomUUID()}, ${id}, 'joined', '', 'user', ${swarmer}, 'Bench person', ${responded})`);
        }
        if (learned !== null) {
          const learningId = randomUUID();
          learnings.push(sql`(${learningId}, ${++docId}, ${id}, ${areaIds[areaIndex]}, 'published', 'A bench learning', 'What happened', '',
            'Why it happened', '', '', '', 1, 0, ${resolved}, ${learned}, ${learned})`);
          followUps.push(sql`(${randomUUID()}, ${learningId}, 0, 'A bench follow-up', ${pick(areaPeople)}, ${dayOf(learned + 14 * DAY)},
            ${next() < 0.6 ? learned + Math.floor(next() * 20 * DAY) : null})`);
          for (const reader of new Set(Array.from({ length: Math.floor(next() * 5) }, () => pick(areaPeople)))) {
            acknowledgements.push(sql`(${learningId}, ${reader}, ${learned + Math.floor(next() * 10 * DAY)})`);
          }
          learningIds.push(learningId);
        }
        // Learnings of earlier batches: the history is written in no order of time, so "earlier" is only of the writing.
        if (earlier > 0 && next() < 0.05) recurrences.push(sql`(${earlierLearning()}, ${id}, 'Bench', ${raisedAt + HOUR})`);
        if (kind === 'user' && earlier > 0 && next() < 0.5) {
          const at = raisedAt - MINUTE;
          views.push(sql`(${earlierLearning()}, ${pick(people)}, ${Math.floor(at / DAY) * DAY}, ${at}, ${next() < 0.2 ? at + 10_000 : null})`);
        }
      }
      await tx.run(sql`insert into problems (id, number, title, details, area_id, level, status, raised_by_kind, raised_by_id, raised_by_name,
        raised_at, updated_at, first_responded_at, contained_at, resolved_at, learned_at, response_due_at, escalation_step, escalation_round)
        values ${sql.join(problems)}`);
      await tx.run(sql`insert into problem_escalations (problem_id, response_due_at, step, round, escalated_at, next_at) values ${sql.join(escalations)}`);
      if (dismissals.length) {
        await tx.run(sql`insert into problem_status_changes (problem_id, from_status, to_status, reason, by_kind, by_id, by_name, at)
          values ${sql.join(dismissals)}`);
      }
      if (joins.length) {
        await tx.run(sql`insert into timeline_entries (id, problem_id, kind, body, author_kind, author_id, author_name, created_at) values ${sql.join(joins)}`);
      }
      if (learnings.length) {
        await tx.run(sql`insert into learnings (id, doc_id, problem_id, area_id, state, title, summary, expected, cause, changes, detection, tags,
          revision, suggestion_opens, created_at, updated_at, published_at) values ${sql.join(learnings)}`);
        await tx.run(sql`insert into learning_follow_ups (id, learning_id, position, text, owner_id, due_on, done_at) values ${sql.join(followUps)}`);
      }
      if (acknowledgements.length) await tx.run(sql`insert into learning_acknowledgements (learning_id, user_id, at) values ${sql.join(acknowledgements)}`);
      if (recurrences.length) {
        await tx.run(sql`insert into learning_recurrences (learning_id, problem_id, linked_by_name, at) values ${sql.join(recurrences)} on conflict do nothing`);
      }
      if (views.length) {
        await tx.run(sql`insert into learning_suggestion_views (learning_id, user_id, day, shown_at, opened_at) values ${sql.join(views)} on conflict do nothing`);
      }
    });
  }
  // Rolled up, as the job would have over the year (the history went in straight, marking every day).
  await rollUpSeed(db);
  // The next pull is numbered after the history, as if it had been pulled one by one.
  await db.run(sql`insert into counters (name, value) values ('problems', ${count}) on conflict (name) do update set value = excluded.value`);
  // Fresh statistics, as a database that grew to this size over a year would have; on PostgreSQL
  // vacuumed too, as autovacuum would have, so that its index-only scans need not visit the table.
  await db.run(db.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`);
}

/** Leads asking for the report, each again as soon as it answers, while `busy()`. */
async function askForReports(agent: Agent, server: RunningServer, url: string, reporters: number, busy: () => boolean): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: reporters }, async () => {
    while (busy()) {
      // A report that fails or times out is counted as its 30 s.
      const started = clockNow();
      times.push(await get(agent, server, url).catch(() => clockNow() - started));
    }
  }));
  return times;
}

type ServerOf = (options: Pick<StartOptions, 'workDir' | 'authHeaders'> & { tag: string }) => Promise<RunningServer>;

async function measure(db: AnyDatabase, database: FlowDatabaseResult['database'], options: FlowPhaseOptions, server: ServerOf): Promise<FlowDatabaseResult> {
  const now = Date.now();
  const workDir = path.join(options.workDir, database);
  // The admin first (setting up is refused once anyone exists, and the history has people); then,
  // seeded, Andon starts again on the grown database, as after a restart, with fresh statistics.
  // Stopped before the seeding, which its jobs would otherwise race for SQLite's write lock.
  const settingUp = await server({ workDir, tag: `flow-${database}-setup` });
  const authHeaders = settingUp.authHeaders;
  await settingUp.stop();
  const seedStart = performance.now();
  await seed(db, options.problems, now);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const running = await server({ workDir, authHeaders, tag: `flow-${database}` });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const from = now - 90 * DAY;
    const url = `/api/flow?from=${new Date(from).toISOString()}&to=${new Date(now).toISOString()}`;
    const counted = await db.one<{ count: number | string }>(sql`select count(*) as count from problems where raised_at >= ${from} and raised_at < ${now}`);
    const times: number[] = [];
    // The first requests warm the JIT and the database's caches; they are not counted.
    for (let i = 0; i < options.requests + 5; i++) {
      const ms = await get(agent, running, url);
      if (i >= 5) times.push(ms);
    }
    const pulls = await pullsAloneAndUnderLoad(running, `bench-flow-pull-${database}-`, options.pulls,
      (busy) => askForReports(agent, running, url, options.reporters, busy));
    return { database, problems: options.problems, inPeriod: Number(counted?.count ?? 0), seedSeconds, latency: summarize(times), pulls };
  } finally {
    agent.destroy();
    await running.stop();
  }
}

export async function runFlowPhase(options: FlowPhaseOptions): Promise<FlowDatabaseResult[]> {
  const results: FlowDatabaseResult[] = [];
  const serverOptions = { inspect: false, cpuProfDir: options.cpuProfDir, logLevel: 'warn' } as const;
  if (options.databases.includes('sqlite')) {
    const sqliteDir = path.join(options.workDir, 'sqlite');
    mkdirSync(path.join(sqliteDir, 'data'), { recursive: true });
    // The file Andon opens in its data directory.
    const sqlite = openSqlite(path.join(sqliteDir, 'data', 'andon.sqlite'));
    await migrateDatabase(sqlite);
    try {
      results.push(await measure(sqlite, 'sqlite', options, (o) => startServer('product', { ...serverOptions, ...o })));
    } finally {
      await sqlite.close();
    }
    options.log(`  sqlite: ${describeFlow(results.at(-1)!)}`);
  }
  if (options.databases.includes('postgres')) {
    const url = await options.postgres.freshDatabase();
    const postgres = await openPostgres(url, { poolSize: 4 });
    await migrateDatabase(postgres);
    try {
      results.push(await measure(postgres, 'postgres', options, (o) => startServer('postgres', { ...serverOptions, ...o, databaseUrl: url })));
    } finally {
      await postgres.close();
    }
    options.log(`  postgres: ${describeFlow(results.at(-1)!)}`);
  }
  return results;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const p50p99 = (s: Summary) => `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`;

export function describeFlow(r: FlowDatabaseResult): string {
  return `${r.problems} problems (${r.inPeriod} in the 90 days), seeded in ${r.seedSeconds.toFixed(1)} s; GET /api/flow ×${r.latency.count}: ` +
    `p50 ${ms(r.latency.p50)}, p90 ${ms(r.latency.p90)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}` +
    (r.latency.p99 < 200 ? ' (p99 under 200 ms)' : ' (p99 OVER 200 ms)') +
    `; pull ${p50p99(r.pulls.alone)} alone, ${p50p99(r.pulls.underLoad)} while ${r.pulls.load.length} reports were asked for ` +
    `(×${(r.pulls.underLoad.p99 / r.pulls.alone.p99).toFixed(2)} at p99; those reports ${p50p99(summarize(r.pulls.load))})` +
    (r.pulls.failed.alone + r.pulls.failed.underLoad > 0 ? `; pulls that failed: ${r.pulls.failed.alone} alone, ${r.pulls.failed.underLoad} under load` : '');
}

