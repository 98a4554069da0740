import type { TimelineEntry } from '../../shared/timeline.ts';
import type { TimelineEntryRow } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentTimelineEntry(row: TimelineEntryRow, problemNumber: number): TimelineEntry {
  return {
    id: row.id,
    problemNumber,
    kind: row.kind,
    body: row.body,
    author: row.authorKind && row.authorId ? { kind: row.authorKind, id: row.authorId, name: row.authorName ?? '' } : null,
    at: iso(row.createdAt),
    editedAt: row.editedAt === null ? null : iso(row.editedAt),
    verdict: row.verdict,
    evidenceId: row.evidenceId,
  };
}
