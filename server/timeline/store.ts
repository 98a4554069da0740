import type { Queryable } from '../db/client.ts';
import type { timelineEntries } from '../db/schema/sqlite.ts';
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
