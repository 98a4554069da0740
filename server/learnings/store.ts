import type { Queryable } from '../db/client.ts';
import { nextValue } from '../db/counters.ts';
import type { learningFollowUps, learningRevisions, learnings } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type LearningRow = typeof learnings.$inferSelect;
export type LearningWithArea = LearningRow & { areaSlug: string; problemNumber: number; problemTitle: string };
export type LearningContentRow = Pick<LearningRow, 'title' | 'summary' | 'expected' | 'cause' | 'changes' | 'detection' | 'tags'>;
export type RevisionRow = typeof learningRevisions.$inferSelect;
export type FollowUpRow = typeof learningFollowUps.$inferSelect;
export type FollowUpWithOwner = FollowUpRow & { ownerName: string };

// Named columns, never `*`: on PostgreSQL the table also holds the search vector, which no reader needs.
const columns = sql`learnings.id, learnings.doc_id, learnings.problem_id, learnings.area_id, learnings.state, learnings.title,
  learnings.summary, learnings.expected, learnings.cause, learnings.changes, learnings.detection, learnings.tags,
  learnings.revision, learnings.suggestion_opens, learnings.created_at, learnings.updated_at, learnings.published_at`;
export const learningWithArea = sql`select ${columns}, areas.slug as area_slug, problems.number as problem_number, problems.title as problem_title
  from learnings join areas on areas.id = learnings.area_id join problems on problems.id = learnings.problem_id`;

/** Gap-free and never reused: the search index's key. */
export function nextDocId(tx: Queryable): Promise<number> {
  return nextValue(tx, 'learnings');
}

export async function insertLearning(tx: Queryable, row: LearningRow): Promise<void> {
  await tx.run(sql`insert into learnings (id, doc_id, problem_id, area_id, state, title, summary, expected, cause, changes, detection, tags,
      revision, suggestion_opens, created_at, updated_at, published_at)
    values (${row.id}, ${row.docId}, ${row.problemId}, ${row.areaId}, ${row.state}, ${row.title}, ${row.summary}, ${row.expected}, ${row.cause},
      ${row.changes}, ${row.detection}, ${row.tags}, ${row.revision}, ${row.suggestionOpens}, ${row.createdAt}, ${row.updatedAt}, ${row.publishedAt})`);
}

export async function updateLearning(tx: Queryable, id: string, content: LearningContentRow, fields: Pick<LearningRow, 'state' | 'revision' | 'updatedAt' | 'publishedAt'>): Promise<void> {
  await tx.run(sql`update learnings set title = ${content.title}, summary = ${content.summary}, expected = ${content.expected},
    cause = ${content.cause}, changes = ${content.changes}, detection = ${content.detection}, tags = ${content.tags},
    state = ${fields.state}, revision = ${fields.revision}, updated_at = ${fields.updatedAt}, published_at = ${fields.publishedAt}
    where id = ${id}`);
}

export async function deleteLearning(tx: Queryable, id: string): Promise<void> {
  await tx.run(sql`delete from learnings where id = ${id}`);
}

export function findLearning(db: Queryable, id: string): Promise<LearningWithArea | undefined> {
  return db.one<LearningWithArea>(sql`${learningWithArea} where learnings.id = ${id}`);
}

/** For a change: locks the learning's row until the transaction ends (PostgreSQL), so edits take turns. */
export function findLearningForUpdate(tx: Queryable, id: string): Promise<LearningWithArea | undefined> {
  const lock = tx.dialect === 'postgres' ? sql` for update of learnings` : sql``;
  return tx.one<LearningWithArea>(sql`${learningWithArea} where learnings.id = ${id}${lock}`);
}

export function findLearningOfProblem(db: Queryable, problemId: string): Promise<LearningWithArea | undefined> {
  return db.one<LearningWithArea>(sql`${learningWithArea} where learnings.problem_id = ${problemId}`);
}

export async function incrementSuggestionOpens(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.run(sql`update learnings set suggestion_opens = suggestion_opens + 1 where id = ${id} and state = 'published'`)) > 0;
}

export async function insertRevision(tx: Queryable, row: RevisionRow): Promise<void> {
  await tx.run(sql`insert into learning_revisions (learning_id, revision, title, summary, expected, cause, changes, detection, tags, edited_by_name, at)
    values (${row.learningId}, ${row.revision}, ${row.title}, ${row.summary}, ${row.expected}, ${row.cause}, ${row.changes},
      ${row.detection}, ${row.tags}, ${row.editedByName}, ${row.at})`);
}

export function listRevisions(db: Queryable, learningId: string): Promise<RevisionRow[]> {
  return db.all<RevisionRow>(sql`select * from learning_revisions where learning_id = ${learningId} order by revision`);
}

const followUpWithOwner = sql`select learning_follow_ups.*, users.name as owner_name from learning_follow_ups join users on users.id = learning_follow_ups.owner_id`;

export function listFollowUps(db: Queryable, learningId: string): Promise<FollowUpWithOwner[]> {
  return db.all<FollowUpWithOwner>(sql`${followUpWithOwner} where learning_id = ${learningId} order by position`);
}

export function findFollowUp(db: Queryable, learningId: string, id: string): Promise<FollowUpRow | undefined> {
  return db.one<FollowUpRow>(sql`select * from learning_follow_ups where learning_id = ${learningId} and id = ${id}`);
}

/** Makes the learning's follow-ups exactly `rows` (in order); a kept id keeps whether it is done. */
export async function replaceFollowUps(tx: Queryable, learningId: string, rows: Omit<FollowUpRow, 'doneAt'>[]): Promise<void> {
  const keep = rows.map((row) => row.id);
  const others = keep.length ? sql` and id not in (${sql.join(keep)})` : sql``;
  await tx.run(sql`delete from learning_follow_ups where learning_id = ${learningId}${others}`);
  for (const row of rows) {
    await tx.run(sql`insert into learning_follow_ups (id, learning_id, position, text, owner_id, due_on, done_at)
      values (${row.id}, ${learningId}, ${row.position}, ${row.text}, ${row.ownerId}, ${row.dueOn}, null)
      on conflict (id) do update set position = excluded.position, text = excluded.text, owner_id = excluded.owner_id, due_on = excluded.due_on`);
  }
}

export async function setFollowUpDone(tx: Queryable, id: string, doneAt: number | null): Promise<void> {
  await tx.run(sql`update learning_follow_ups set done_at = ${doneAt} where id = ${id}`);
}

export type OpenFollowUpRow = FollowUpWithOwner & { learningTitle: string };

/** A person's follow-ups not done yet, of published learnings, soonest due first. */
export function listOpenFollowUpsOf(db: Queryable, userId: string, limit: number): Promise<OpenFollowUpRow[]> {
  return db.all<OpenFollowUpRow>(sql`select learning_follow_ups.*, users.name as owner_name, learnings.title as learning_title
    from learning_follow_ups join users on users.id = learning_follow_ups.owner_id join learnings on learnings.id = learning_follow_ups.learning_id
    where learning_follow_ups.owner_id = ${userId} and learning_follow_ups.done_at is null and learnings.state = 'published'
    order by learning_follow_ups.due_on, learning_follow_ups.id limit ${limit}`);
}

/** Follow-ups not done whose day is before `today` (YYYY-MM-DD), of published learnings. */
export async function countOverdueFollowUps(db: Queryable, today: string): Promise<number> {
  const row = await db.one<{ count: number | string }>(sql`select count(*) as count from learning_follow_ups
    join learnings on learnings.id = learning_follow_ups.learning_id
    where learning_follow_ups.done_at is null and learning_follow_ups.due_on < ${today} and learnings.state = 'published'`);
  return Number(row?.count ?? 0);
}

/** Answers whether the link is new: linking twice is harmless. */
export async function insertRecurrence(tx: Queryable, row: { learningId: string; problemId: string; linkedByName: string; at: number }): Promise<boolean> {
  return (await tx.run(sql`insert into learning_recurrences (learning_id, problem_id, linked_by_name, at)
    values (${row.learningId}, ${row.problemId}, ${row.linkedByName}, ${row.at}) on conflict (learning_id, problem_id) do nothing`)) > 0;
}

export function listRecurrences(db: Queryable, learningId: string): Promise<Array<{ number: number; title: string; at: number }>> {
  return db.all(sql`select problems.number, problems.title, learning_recurrences.at from learning_recurrences
    join problems on problems.id = learning_recurrences.problem_id where learning_recurrences.learning_id = ${learningId}
    order by learning_recurrences.at, problems.number`);
}

export async function countRecurrences(db: Queryable, learningId: string): Promise<number> {
  const row = await db.one<{ count: number | string }>(sql`select count(*) as count from learning_recurrences where learning_id = ${learningId}`);
  return Number(row?.count ?? 0);
}

/** Whether the person ever joined the problem's swarm (the timeline keeps each join, also after they left). */
export async function hasSwarmed(db: Queryable, problemId: string, userId: string): Promise<boolean> {
  return (await db.one(sql`select 1 as yes from timeline_entries where problem_id = ${problemId} and kind = 'joined'
    and author_kind = 'user' and author_id = ${userId} limit 1`)) !== undefined;
}
