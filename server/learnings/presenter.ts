import type { FollowUp, Learning, LearningRevision, SearchHit, SnippetPart } from '../../shared/learnings.ts';
import { HIT_END, HIT_START, type SearchRow } from './search/store.ts';
import type { FollowUpWithOwner, LearningContentRow, LearningWithArea, RevisionRow } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export const tagsOf = (text: string): string[] => (text ? text.split(' ') : []);

/** A day (YYYY-MM-DD) in UTC. */
export const dayOf = (ms: number): string => iso(ms).slice(0, 10);

export function presentFollowUp(row: FollowUpWithOwner, now: number): FollowUp {
  return {
    id: row.id, text: row.text, owner: { id: row.ownerId, name: row.ownerName }, dueOn: row.dueOn,
    doneAt: row.doneAt === null ? null : iso(row.doneAt),
    overdue: row.doneAt === null && row.dueOn < dayOf(now),
  };
}

function content(row: LearningContentRow) {
  return { title: row.title, summary: row.summary, expected: row.expected, cause: row.cause, changes: row.changes, detection: row.detection, tags: tagsOf(row.tags) };
}

export interface LearningExtras {
  followUps: FollowUpWithOwner[];
  recurrences: number;
  acknowledgedByMe: boolean;
  now: number;
}

export function presentLearning(row: LearningWithArea, extras: LearningExtras): Learning {
  return {
    id: row.id, problemNumber: row.problemNumber, area: row.areaSlug, state: row.state, ...content(row),
    followUps: extras.followUps.map((f) => presentFollowUp(f, extras.now)),
    revision: row.revision, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt),
    publishedAt: row.publishedAt === null ? null : iso(row.publishedAt),
    recurrences: extras.recurrences, suggestionOpens: row.suggestionOpens, acknowledgedByMe: extras.acknowledgedByMe,
  };
}

export function presentRevision(row: RevisionRow): LearningRevision {
  return { revision: row.revision, ...content(row), editedBy: row.editedByName, at: iso(row.at) };
}

/** Splits text marked by the search store into plain and matched parts; the marks never reach a client. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      parts.push({ text: rest, hit: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), hit: false });
    const end = rest.indexOf(HIT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    if (stop > start + 1) parts.push({ text: rest.slice(start + 1, stop), hit: true });
    rest = rest.slice(stop + 1);
  }
  return parts;
}

export function presentSearchHit(row: SearchRow): SearchHit {
  return {
    id: row.id, problemNumber: row.problemNumber, area: row.areaSlug, tags: tagsOf(row.tags), publishedAt: iso(row.publishedAt),
    title: snippetParts(row.titleMarked), snippet: snippetParts(row.snippetMarked.length > 400 ? `${row.snippetMarked.slice(0, 400)}…` : row.snippetMarked),
  };
}
