import { SEARCH_PAGE_SIZE, SUGGESTIONS_MAX, type SearchQuery, type SearchResults, type Suggestions } from '../../../shared/learnings.ts';
import { findAreaBySlug } from '../../areas/store.ts';
import type { Principal } from '../../accounts/principal.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/client.ts';
import { ValidationError } from '../../errors.ts';
import { presentSearchHit } from '../presenter.ts';
import { listPublished, SEARCH_CANDIDATES, searchLearnings, suggestLearnings, type SearchFilter } from './store.ts';
import { recordSuggestionsShown } from '../suggestions/store.ts';
import { searchWords, typedWords } from './words.ts';

const DAY_MS = 86_400_000;
/** Deeper than this, a person refines the words rather than paging on. */
const OFFSET_MAX = 10_000;

// Opaque to clients: today an offset into the ranked results.
const encodeCursor = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const offset = match ? Number(match[1]) : NaN;
  if (!(offset >= 0 && offset <= OFFSET_MAX)) throw new ValidationError('cursor is not one this search gave', [{ field: 'cursor', message: 'is not a cursor from a previous page' }]);
  return offset;
}

function dayStart(day: string, field: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new ValidationError(`${field} is not a day`, [{ field, message: 'is not a day of the calendar' }]);
  return ms;
}

export function createLearningSearch(db: Database, clock: Clock) {
  return {
    /** Ranked by relevance with highlighted snippets when there are words; newest first otherwise. */
    async search(query: SearchQuery): Promise<SearchResults> {
      const offset = decodeCursor(query.cursor);
      const filter: SearchFilter = { tag: query.tag };
      if (query.from !== undefined) filter.publishedFrom = dayStart(query.from, 'from');
      if (query.to !== undefined) filter.publishedBefore = dayStart(query.to, 'to') + DAY_MS;
      if (query.area !== undefined) {
        const area = await findAreaBySlug(db, query.area);
        if (!area) return { items: [], nextCursor: null };
        filter.areaId = area.id;
      }
      const text = query.q?.trim() ?? '';
      const words = searchWords(text);
      if (text && words.length === 0) return { items: [], nextCursor: null };
      // One row more than a page tells whether another page exists.
      const rows = words.length
        ? await searchLearnings(db.reads, words, filter, offset, SEARCH_PAGE_SIZE + 1)
        : await listPublished(db.reads, filter, offset, SEARCH_PAGE_SIZE + 1);
      const page = rows.slice(0, SEARCH_PAGE_SIZE);
      const next = offset + SEARCH_PAGE_SIZE;
      // Ranked results go as deep as the matches ranked; the newest-first list as deep as OFFSET_MAX.
      const deepest = words.length ? SEARCH_CANDIDATES - 1 : OFFSET_MAX;
      return { items: page.map(presentSearchHit), nextCursor: rows.length > SEARCH_PAGE_SIZE && next <= deepest ? encodeCursor(next) : null };
    },

    /** At most three published learnings like what is being typed: a pure read, asked at each pause in typing. */
    async suggest(q: string): Promise<Suggestions> {
      const { words, lastHalfTyped } = typedWords(q);
      if (words.length === 0) return { items: [] };
      const rows = await suggestLearnings(db.reads, words, lastHalfTyped, SUGGESTIONS_MAX);
      return { items: rows.map((r) => ({ id: r.id, problemNumber: r.problemNumber, title: r.title, area: r.areaSlug })) };
    },

    /**
     * What a page showed a person as suggestions, reported once per visit rather than written at
     * each keystroke: counted once a day each (see the suggestions store), for the flow measures.
     * A script's (API token's) report is not: nobody saw it.
     */
    async shown(by: Principal, learningIds: readonly string[]): Promise<void> {
      if (by.kind !== 'user') return;
      await db.transaction((tx) => recordSuggestionsShown(tx, learningIds, by.id, clock.now()));
    },
  };
}

export type LearningSearch = ReturnType<typeof createLearningSearch>;
