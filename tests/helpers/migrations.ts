import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase } from '../../server/db/migrate.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { sql } from '../../server/db/sql.ts';

/**
 * Migrates `db` as an Andon of before the migration named `tag` would have (each dialect's tag, its
 * file name without the number), from a copy of the migrations that stops short of it: the test can
 * then write rows of that time and migrate on with `migrateDatabase`.
 */
export async function migrateUpTo(db: AnyDatabase, tag: Record<AnyDatabase['dialect'], string>): Promise<void> {
  const from = fileURLToPath(new URL(`../../migrations/${db.dialect}`, import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'andon-migrations-'));
  try {
    cpSync(from, dir, { recursive: true });
    const journalFile = path.join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
    const stop = journal.entries.findIndex((entry) => entry.tag.replace(/^\d+_/, '') === tag[db.dialect]);
    if (stop < 0) throw new Error(`no migration ${tag[db.dialect]}`);
    writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
    await migrateDatabase(db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * An area with a 10-minute target and two problems of three days ago, as the older Andon wrote
 * them: the first answered in 4 minutes, the second escalated to step 2 unanswered. The countdown
 * is only in problem_escalations.
 */
export async function writeOlderProblems(db: AnyDatabase, now: number, { countdownOnProblems }: { countdownOnProblems: boolean }): Promise<void> {
  await db.run(sql`insert into areas (id, slug, name, description, response_target_minutes, created_at)
    values ('area-press', 'press', 'Press', '', 10, ${now - 30 * DAY})`);
  const raised = now - 3 * DAY;
  const problems = [
    { id: 'problem-1', number: 1, respondedAt: raised + 4 * MINUTE, step: 0 },
    { id: 'problem-2', number: 2, respondedAt: null, step: 2 },
  ];
  for (const p of problems) {
    const countdown = countdownOnProblems ? sql`, ${raised + 10 * MINUTE}, ${p.step}, 0` : sql``;
    await db.run(sql`insert into problems (id, number, title, details, area_id, level, status, raised_by_kind, raised_by_id, raised_by_name,
        raised_at, updated_at, first_responded_at${countdownOnProblems ? sql`, response_due_at, escalation_step, escalation_round` : sql``})
      values (${p.id}, ${p.number}, 'A problem of before', '', 'area-press', 'help', ${p.respondedAt === null ? 'raised' : 'swarming'}, 'user',
        'someone', 'Someone', ${raised}, ${raised}, ${p.respondedAt}${countdown})`);
    await db.run(sql`insert into problem_escalations (problem_id, response_due_at, step, round, escalated_at, next_at)
      values (${p.id}, ${raised + 10 * MINUTE}, ${p.step}, 0, ${p.step > 0 ? raised + 10 * MINUTE : null}, null)`);
  }
  await db.run(sql`insert into counters (name, value) values ('problems', 2) on conflict (name) do update set value = excluded.value`);
}

/** A timeline entry by `authorId` (a person, made on first use), as an older Andon wrote it. */
export async function writeOlderJoin(db: AnyDatabase, now: number, problemId: string, kind: 'joined' | 'observation', authorId: string): Promise<void> {
  await db.run(sql`insert into users (id, name, email, password_hash, role, created_at)
    values (${authorId}, ${authorId}, ${`${authorId}@example.com`}, 'x', 'member', ${now}) on conflict (id) do nothing`);
  await db.run(sql`insert into timeline_entries (id, problem_id, kind, body, author_kind, author_id, author_name, created_at)
    values (${`${problemId}-${kind}-${authorId}`}, ${problemId}, ${kind}, '', 'user', ${authorId}, ${authorId}, ${now})`);
}

export function readAreaJoiners(db: AnyDatabase): Promise<Array<{ areaId: string; userId: string; problems: number }>> {
  return db.all(sql`select area_id, user_id, problems from area_joiners order by area_id, user_id`);
}

/** A learning of `problemId` (published, or a draft), written as an older Andon wrote it. */
export async function writeOlderLearning(db: AnyDatabase, now: number, problemId: string, docId: number, state: 'draft' | 'published', title: string): Promise<void> {
  await db.run(sql`insert into learnings (id, doc_id, problem_id, area_id, state, title, summary, expected, cause, changes, detection, tags,
      revision, suggestion_opens, created_at, updated_at, published_at)
    values (${`learning-${docId}`}, ${docId}, ${problemId}, 'area-press', ${state}, ${title}, 'What happened.', '', 'Why it happened.', '', '', '',
      ${state === 'published' ? 1 : 0}, 0, ${now}, ${now}, ${state === 'published' ? now : null})`);
  await db.run(sql`insert into counters (name, value) values ('learnings', ${docId}) on conflict (name) do update set value = excluded.value`);
}
