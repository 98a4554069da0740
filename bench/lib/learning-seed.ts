// Fills a migrated database with `count` published learnings (and a problem each), fast enough for
// 1,000,000: big multi-row inserts in few transactions, with the search index built once at the end
// rather than row by row (SQLite: FTS5's 'rebuild' with the insert trigger set aside; PostgreSQL: the
// GIN index created after the load, and the word table filled from the generated tsvectors after it).
import { randomUUID } from 'node:crypto';
import type { AnyDatabase } from '../../server/db/open.ts';
import { sql } from '../../server/db/sql.ts';
import { rollUpSeed } from './roll-up-seed.ts';
import { generateLearning, random } from './learning-text.ts';

const DAY = 86_400_000;
const AREAS = 8;
/** 17 parameters a learning: well inside PostgreSQL's 65,535 a statement. */
const ROWS_PER_INSERT = 2_000;
const ROWS_PER_TRANSACTION = 20_000;

/** Sets the index's upkeep aside for the load and builds it in one go afterwards. */
async function withIndexBuiltAfter(db: AnyDatabase, load: () => Promise<void>): Promise<void> {
  if ('driver' in db) {
    const trigger = db.driver.prepare("select sql from sqlite_master where type = 'trigger' and name = 'learnings_fts_insert'").pluck().get() as string;
    db.driver.exec('drop trigger learnings_fts_insert');
    try {
      await load();
    } finally {
      db.driver.exec(trigger);
    }
    db.driver.exec("insert into learnings_fts(learnings_fts) values ('rebuild')");
    db.driver.exec("insert into learnings_fts(learnings_fts) values ('optimize')");
    return;
  }
  const { rows } = await db.pool.query<{ name: string; definition: string }>(
    "select indexname as name, indexdef as definition from pg_indexes where tablename = 'learnings' and indexdef ilike '%using gin%'",
  );
  for (const index of rows) await db.pool.query(`drop index ${index.name}`);
  // Search's word table too: filled in one statement, as its migration does, not a trigger call a row.
  await db.pool.query('alter table learnings disable trigger learning_words_kept');
  try {
    await load();
  } finally {
    await db.pool.query('alter table learnings enable trigger learning_words_kept');
    await db.pool.query("set maintenance_work_mem = '256MB'");
    for (const index of rows) await db.pool.query(index.definition);
  }
  await db.pool.query(`insert into learning_words (lexeme, doc_id) select words.lexeme, learnings.doc_id
    from learnings, unnest(tsvector_to_array(learnings.search)) as words(lexeme) where learnings.state = 'published'`);
  // Its index-only scans read the visibility map, which autovacuum would set a few minutes into the run.
  await db.pool.query('vacuum learning_words');
}

/** `rollUp: false` leaves the problems' days for the flow rollup: only a server started on the library needs them rolled up. */
export async function seedLearnings(db: AnyDatabase, count: number, at: number, { rollUp = true } = {}): Promise<void> {
  const next = random(11);
  const areaIds: string[] = [];
  await db.transaction(async (tx) => {
    for (let a = 0; a < AREAS; a++) {
      const id = randomUUID();
      areaIds.push(id);
      await tx.run(sql`insert into areas (id, slug, name, description, created_at) values (${id}, ${`bench-${a}`}, ${`Bench ${a}`}, '', ${at - 3 * 365 * DAY})`);
    }
  });
  await withIndexBuiltAfter(db, async () => {
    for (let start = 0; start < count; start += ROWS_PER_TRANSACTION) {
      await db.transaction(async (tx) => {
        for (let from = start; from < Math.min(count, start + ROWS_PER_TRANSACTION); from += ROWS_PER_INSERT) {
          const problems = [];
          const learnings = [];
          for (let i = from; i < Math.min(count, from + ROWS_PER_INSERT); i++) {
            const problemId = randomUUID();
            const areaId = areaIds[Math.floor(next() * AREAS)];
            const raisedAt = at - Math.floor(next() * 3 * 365 * DAY);
            const text = generateLearning(next, i + 1);
            problems.push(sql`(${problemId}, ${i + 1}, ${text.title}, '', ${areaId}, 'help', 'learned', 'user', 'bench', 'Bench', ${raisedAt}, ${raisedAt})`);
            learnings.push(sql`(${randomUUID()}, ${i + 1}, ${problemId}, ${areaId}, 'published', ${text.title}, ${text.summary}, '', ${text.cause},
              ${text.changes}, ${text.detection}, ${text.tags}, 1, 0, ${raisedAt}, ${raisedAt}, ${raisedAt + DAY})`);
          }
          await tx.run(sql`insert into problems (id, number, title, details, area_id, level, status, raised_by_kind, raised_by_id, raised_by_name, raised_at, updated_at)
            values ${sql.join(problems)}`);
          await tx.run(sql`insert into learnings (id, doc_id, problem_id, area_id, state, title, summary, expected, cause, changes, detection, tags,
            revision, suggestion_opens, created_at, updated_at, published_at) values ${sql.join(learnings)}`);
        }
      });
    }
  });
  // Rolled up, as the flow rollup job would have over the years: the problems went in straight, marking
  // every day, and a server started on them would spend its first minutes rolling them up.
  if (rollUp) await rollUpSeed(db);
  // The counters go on from the seeded numbers, as if the library had grown through the app.
  for (const name of ['problems', 'learnings']) {
    await db.run(sql`insert into counters (name, value) values (${name}, ${count}) on conflict (name) do update set value = excluded.value`);
  }
  await db.run(sql`analyze`);
}
