import type { Queryable } from '../db/client.ts';
import type { timelineEntries, timelineRevisions } from '../db/schema/sqlite.ts';
import { sql } from '../db/sql.ts';

export type TimelineEntryRow = typeof timelineEntries.$inferSelect;

export async function insertTimelineEntry(tx: Queryable, row: TimelineEntryRow): Promise<void> {
  await tx.run(sql`insert into timeline_entries (id, problem_id, kind, body, author_kind, author_id, author_name, created_at, edited_at, verdict, evidence_id)
    values (${row.id}, ${row.problemId}, ${row.kind}, ${row.body}, ${row.authorKind}, ${row.authorId}, ${row.authorName},
      ${row.createdAt}, ${row.editedAt}, ${row.verdict}, ${row.evidenceId})`);
}

/** Oldest first; ties keep the order they were written in (ids are time-ordered). */
export function listTimelineEntries(db: Queryable, problemId: string): Promise<TimelineEntryRow[]> {
  return db.all<TimelineEntryRow>(sql`select * from timeline_entries where problem_id = ${problemId} order by created_at, id`);
}

export type TimelineRevisionRow = typeof timelineRevisions.$inferSelect;

export function findTimelineEntry(db: Queryable, problemId: string, id: string): Promise<TimelineEntryRow | undefined> {
  return db.one<TimelineEntryRow>(sql`select * from timeline_entries where id = ${id} and problem_id = ${problemId}`);
}

export async function updateTimelineBody(tx: Queryable, id: string, body: string, editedAt: number): Promise<void> {
  await tx.run(sql`update timeline_entries set body = ${body}, edited_at = ${editedAt} where id = ${id}`);
}

export async function setVerdict(tx: Queryable, id: string, verdict: TimelineEntryRow['verdict'], evidenceId: string): Promise<void> {
  await tx.run(sql`update timeline_entries set verdict = ${verdict}, evidence_id = ${evidenceId} where id = ${id}`);
}

export async function insertRevision(tx: Queryable, row: Omit<TimelineRevisionRow, 'id'>): Promise<void> {
  await tx.run(sql`insert into timeline_revisions (entry_id, body, written_at, replaced_at)
    values (${row.entryId}, ${row.body}, ${row.writtenAt}, ${row.replacedAt})`);
}

export function listRevisions(db: Queryable, entryId: string): Promise<TimelineRevisionRow[]> {
  return db.all<TimelineRevisionRow>(sql`select * from timeline_revisions where entry_id = ${entryId} order by id`);
}
