import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import type { AnyDatabase } from '../server/db/open.ts';
import { openPostgres } from '../server/db/postgres-client.ts';
import { openSqlite } from '../server/db/sqlite-client.ts';
import { readRolledUpDays } from '../server/flow/rollup/store.ts';
import { FLOW_ROLLUP_EVERY_MS } from '../server/flow/rollup/job.ts';
import { searchLearnings } from '../server/learnings/search/store.ts';
import { listAreaMemberIds } from '../server/learnings/spread/store.ts';
import { findProblemByNumber } from '../server/problems/store.ts';
import type { FlowReport } from '../shared/flow.ts';
import { ORIGIN, setUpAdmin, TEST_PASSWORD_COST, TestClock } from './helpers/app.ts';
import { migrateUpTo, readAreaJoiners, writeOlderJoin, writeOlderLearning, writeOlderProblems } from './helpers/migrations.ts';
import { freshPostgresDatabase, testDatabaseKind } from './helpers/test-database.ts';

// A database of an older Andon, with problems in it, migrated on: what the migrations fill in for
// the problems already there (the countdown copied onto the problem row, the flow rollup, who swarmed in each area,
// the words of the learnings already published).

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The migrations that added them (each dialect's name for it). */
const COUNTDOWN_ON_PROBLEMS = { sqlite: 'pink_nick_fury', postgres: 'first_shaman' };
const FLOW_ROLLUP = { sqlite: 'flow_rollup', postgres: 'flow_rollup' };
const AREA_JOINERS = { sqlite: 'area_joiners', postgres: 'area_joiners' };
// PostgreSQL's table of each learning's words; SQLite's FTS5 index always had them (its last migration stands in).
const LEARNING_WORDS = { sqlite: 'area_joiners', postgres: 'learning_words' };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<AnyDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    const db = openSqlite(':memory:');
    cleanups.push(() => db.close());
    return db;
  }
  const fresh = await freshPostgresDatabase();
  const db = await openPostgres(fresh.url, { poolSize: 5 });
  cleanups.push(async () => {
    await db.close();
    await fresh.drop();
  });
  return db;
}

const now = Math.floor(Date.now() / DAY) * DAY + 12 * 60 * MINUTE;

describe('migrating a database that has problems', () => {
  it('copies each countdown onto its problem', async () => {
    const db = await emptyDatabase();
    await migrateUpTo(db, COUNTDOWN_ON_PROBLEMS);
    await writeOlderProblems(db, now, { countdownOnProblems: false });
    await migrateDatabase(db);
    expect(await findProblemByNumber(db, 1)).toMatchObject({ responseDueAt: now - 3 * DAY + 10 * MINUTE, escalationStep: 0, escalationRound: 0 });
    expect(await findProblemByNumber(db, 2)).toMatchObject({ responseDueAt: now - 3 * DAY + 10 * MINUTE, escalationStep: 2, escalationRound: 0 });
  });

  it('rolls up the flow of the problems already there, and the report is right before and after', async () => {
    const db = await emptyDatabase();
    await migrateUpTo(db, FLOW_ROLLUP);
    await writeOlderProblems(db, now, { countdownOnProblems: true });
    await migrateDatabase(db);
    const day = now - 3 * DAY - 12 * 60 * MINUTE;
    expect(await readRolledUpDays(db, day, day + DAY, null)).toEqual([{ areaId: 'area-press', day, figures: null }]);

    const clock = new TestClock();
    clock.freeze();
    clock.advance(now - clock.now());
    const app = await buildApp({ config: loadConfig({ PUBLIC_URL: ORIGIN }), db, clock, runJobs: false, passwordCost: TEST_PASSWORD_COST });
    cleanups.push(() => app.close());
    await app.ready();
    const admin = await setUpAdmin(app);
    const report = async () => {
      const response = await admin.request({ method: 'GET', url: `/api/flow?from=${new Date(now - 7 * DAY).toISOString()}&to=${new Date(now).toISOString()}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<FlowReport>();
    };
    const before = await report();
    const press = before.areas.find((a) => a.slug === 'press');
    expect(press?.pulls.total).toBe(2);
    expect(press?.times.respond).toEqual({ count: 1, medianMs: 4 * MINUTE, p90Ms: 4 * MINUTE, withinTarget: { count: 1, of: 2, share: 0.5 } });
    expect(press?.escalations).toEqual({ problems: 2, escalated: 1, share: 0.5, byStep: [{ step: 2, count: 1 }], repeated: 0 });

    clock.advance(FLOW_ROLLUP_EVERY_MS);
    await app.jobs.runDue();
    expect((await readRolledUpDays(db, day, day + DAY, null)).map((row) => row.figures === null)).toEqual([false]);
    expect(await report()).toEqual(before);
  });
  it('counts who already swarmed in an area among its members, and the next join on top', async () => {
    const db = await emptyDatabase();
    await migrateUpTo(db, AREA_JOINERS);
    await writeOlderProblems(db, now, { countdownOnProblems: true });
    await writeOlderJoin(db, now, 'problem-1', 'joined', 'bo');
    await writeOlderJoin(db, now, 'problem-2', 'joined', 'bo');
    await writeOlderJoin(db, now, 'problem-1', 'observation', 'uma'); // wrote, never joined: not a member
    await migrateDatabase(db);
    expect(await listAreaMemberIds(db, 'area-press')).toEqual(['bo']);
    expect(await readAreaJoiners(db)).toEqual([{ areaId: 'area-press', userId: 'bo', problems: 2 }]);
    await writeOlderJoin(db, now, 'problem-2', 'joined', 'uma');
    expect((await listAreaMemberIds(db, 'area-press')).sort()).toEqual(['bo', 'uma']);
  });

  it('finds the learnings published before it by their words, and not the drafts', async () => {
    const db = await emptyDatabase();
    await migrateUpTo(db, LEARNING_WORDS);
    await writeOlderProblems(db, now, { countdownOnProblems: true });
    await writeOlderLearning(db, now, 'problem-1', 1, 'published', 'Conveyor belt slipped off its rollers');
    await writeOlderLearning(db, now, 'problem-2', 2, 'draft', 'Conveyor draft');
    await migrateDatabase(db);
    const found = async (words: string[]) => (await searchLearnings(db, words, {}, 0, 20)).map((row) => row.id);
    expect(await found(['conveyor'])).toEqual(['learning-1']);
    expect(await found(['rollers', 'slipped'])).toEqual(['learning-1']);
    expect(await found(['draft'])).toEqual([]);
  });
});
