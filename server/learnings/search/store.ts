// Full-text search of published learnings: FTS5 (Porter stemming, bm25) on SQLite; a weighted
// tsvector (ts_rank, ts_headline) on PostgreSQL, searched through a table of each published learning's
// words (`learning_words`) and suggested from through its GIN index. The query is built here from
// word tokens only (letters and digits, see `words.ts`), never from what the person typed.
import type { Queryable, Reads } from '../../db/client.ts';
import { sql, type Sql } from '../../db/sql.ts';

/** Marks around matched words in titles and snippets: control characters no stored learning holds. */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

export interface SearchFilter {
  areaId?: string;
  tag?: string;
  publishedFrom?: number;
  publishedBefore?: number;
}

export interface SearchRow {
  id: string;
  problemNumber: number;
  areaSlug: string;
  tags: string;
  publishedAt: number;
  titleMarked: string;
  snippetMarked: string;
}

export interface SuggestionRow {
  id: string;
  problemNumber: number;
  title: string;
  areaSlug: string;
}

function filterConditions(filter: SearchFilter): Sql[] {
  const conditions = [sql`learnings.state = 'published'`];
  if (filter.areaId !== undefined) conditions.push(sql`learnings.area_id = ${filter.areaId}`);
  // Tags are slugs (no % or _), so the padded LIKE matches one whole tag.
  if (filter.tag !== undefined) conditions.push(sql`(' ' || learnings.tags || ' ') like ${`% ${filter.tag} %`}`);
  if (filter.publishedFrom !== undefined) conditions.push(sql`learnings.published_at >= ${filter.publishedFrom}`);
  if (filter.publishedBefore !== undefined) conditions.push(sql`learnings.published_at < ${filter.publishedBefore}`);
  return conditions;
}

/**
 * A half-typed last word whose stem is shorter than this is taken as a word only: a prefix of one or
 * two letters stands for hundreds of words, and merging all their matches cost a suggestion a tenth
 * of a second at 100,000 learnings and half a second at 1,000,000.
 */
const PREFIX_MIN = 3;
/**
 * How long the Porter stem of a short word is, as far as the prefix needs: a plural s goes ("res" is
 * "re", "was" is "wa"; "ies" is "i"), so a prefix like "res" would stand for every word in "re".
 */
const stemmedLength = (word: string) => (word.endsWith('ies') ? word.length - 2 : word.endsWith('s') && !word.endsWith('ss') ? word.length - 1 : word.length);
const asPrefix = (words: string[], i: number, prefixLast: boolean) => prefixLast && i === words.length - 1 && stemmedLength(words[i]) >= PREFIX_MIN;

/** FTS5: every word must appear (quoted, so none is read as syntax); `prefixLast` lets the last one be half typed. */
function ftsMatch(words: string[], join: 'and' | 'or', prefixLast: boolean): string {
  // A half-typed last word matches the words its stem starts: FTS5 stems the prefix too ("timed"* is
  // "time"*), so the word itself is among them and needs no phrase (and no count over the library) of its own.
  const terms = words.map((word, i) => (asPrefix(words, i, prefixLast) ? `"${word}"*` : `"${word}"`));
  return terms.join(join === 'and' ? ' ' : ' OR ');
}

/** PostgreSQL: one `plainto_tsquery` per word (stemmed, stop words dropped), joined with && or ||; a half-typed last word a stemmed prefix. */
function tsQuery(words: string[], join: 'and' | 'or', prefixLast: boolean): Sql {
  const parts = words.map((word, i) => asPrefix(words, i, prefixLast)
    // The word is letters and digits only, so `word:*` is a valid prefix term and nothing else. It is
    // stemmed, as FTS5 does ("timed:*" is 'time':*), so it covers the whole word too: one term, where
    // two overlapping ones also made the planner expect several times the matches there are.
    ? sql`to_tsquery('english', ${`${word}:*`})`
    : sql`plainto_tsquery('english', ${word})`);
  return sql`(${sql.join(parts, join === 'and' ? ' && ' : ' || ')})`;
}

const headlineOptions = (extra: string) => `StartSel=${HIT_START}, StopSel=${HIT_END}, ${extra}`;

/**
 * Search ranks the newest this-many matches of the words (and filters), not all of them: ranking
 * every match of a common word in a big library costs a tenth of a second and more, and grows with
 * it. A person meets the cost only with words that match more than this many learnings: an older
 * learning that would have ranked first is missed until they add a word or a filter. So it is also
 * as deep as the pages go.
 */
export const SEARCH_CANDIDATES = 1000;

/** Ranked by relevance (best first) among the newest SEARCH_CANDIDATES matches, one page from `offset`. */
export async function searchLearnings(db: Reads, words: string[], filter: SearchFilter, offset: number, limit: number): Promise<SearchRow[]> {
  if (db.dialect === 'sqlite') {
    const where = sql.join(filterConditions(filter), ' and ');
    const match = ftsMatch(words, 'and', false);
    // FTS5 walks its matches newest first and stops at the cap; the page is ranked from those. The
    // snippets are made for the page alone, each learning looked up by its rowid (`cross join` keeps
    // the page the outer loop: the other way round walks every match a second time).
    return db.all<SearchRow>(sql`select learnings.id, problems.number as problem_number, areas.slug as area_slug, learnings.tags,
        learnings.published_at, highlight(learnings_fts, 0, ${HIT_START}, ${HIT_END}) as title_marked,
        snippet(learnings_fts, -1, ${HIT_START}, ${HIT_END}, '…', 24) as snippet_marked
      from (select candidates.doc_id, candidates.score from (
            select learnings_fts.rowid as doc_id, bm25(learnings_fts, 10.0, 4.0, 3.0, 2.0, 2.0, 8.0) as score
            from learnings_fts join learnings on learnings.doc_id = learnings_fts.rowid
            where learnings_fts match ${match} and ${where} order by learnings_fts.rowid desc limit ${SEARCH_CANDIDATES}) as candidates
          order by candidates.score, candidates.doc_id limit ${limit} offset ${offset}) as page
      cross join learnings_fts on learnings_fts.rowid = page.doc_id and learnings_fts match ${match}
      join learnings on learnings.doc_id = page.doc_id
      join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
      order by page.score, page.doc_id`);
  }
  const query = tsQuery(words, 'and', false);
  const candidates = isFiltered(filter) ? newestMatchingByGin(query, filter) : newestHoldingAll(words);
  return db.all<SearchRow>(sql`select learnings.id, problems.number as problem_number, areas.slug as area_slug, learnings.tags,
      learnings.published_at,
      ts_headline('english', learnings.title, page.query, ${headlineOptions('HighlightAll=true')}) as title_marked,
      ts_headline('english', concat_ws(' … ', nullif(learnings.summary, ''), nullif(learnings.cause, ''), nullif(learnings.changes, ''), nullif(learnings.detection, '')),
        page.query, ${headlineOptions('MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "')}) as snippet_marked
    from (select candidates.doc_id, q.query, ts_rank(candidates.search, q.query) as score
        from (${candidates}) as candidates, (select ${query} as query) as q
        order by score desc, candidates.doc_id limit ${limit} offset ${offset}) as page
    join learnings on learnings.doc_id = page.doc_id
    join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
    order by page.score desc, page.doc_id`);
}

const isFiltered = (filter: SearchFilter) => Object.values(filter).some((value) => value !== undefined);

/**
 * PostgreSQL: the newest SEARCH_CANDIDATES published learnings holding every lexeme of the words,
 * with their vectors to rank, chosen in the same statement as the page by `learning_candidates`
 * (migration 0021): from the table of each learning's words (`learning_words`, 0020), each lexeme's
 * entries read newest first and merged, stopping at the limit, or from the GIN index where the
 * words' holders are few (four words or more, or three of which one is rare: bench/README, items 12
 * and 13). Words with no lexeme once stemmed and stop words dropped have no candidates, as a tsquery
 * without lexemes matches nothing.
 */
function newestHoldingAll(words: string[]): Sql {
  return sql`select holders.doc_id, learnings.search from learning_candidates(${words.join(' ')}, ${SEARCH_CANDIDATES}) as holders(doc_id)
    join learnings on learnings.doc_id = holders.doc_id`;
}

/**
 * PostgreSQL, with a filter: the newest SEARCH_CANDIDATES matches (passing the filter),
 * from the learnings and their GIN index. With a filter, checking it on each of the word table's
 * holders, newest first, was slower (a filter passes a small part of them: bench/README, item 12).
 */
function newestMatchingByGin(query: Sql, filter: SearchFilter): Sql {
  return sql`select learnings.doc_id, learnings.search from learnings, (select ${query} as query) as q
    where learnings.search @@ q.query and ${sql.join(filterConditions(filter), ' and ')} order by learnings.doc_id desc limit ${SEARCH_CANDIDATES}`;
}

/** Published learnings newest first, when there are no words to rank by. */
export function listPublished(db: Reads, filter: SearchFilter, offset: number, limit: number): Promise<SearchRow[]> {
  const where = sql.join(filterConditions(filter), ' and ');
  return db.all<SearchRow>(sql`select learnings.id, problems.number as problem_number, areas.slug as area_slug, learnings.tags,
      learnings.published_at, learnings.title as title_marked, learnings.summary as snippet_marked
    from learnings join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
    where ${where} order by learnings.published_at desc, learnings.doc_id desc limit ${limit} offset ${offset}`);
}

/**
 * Suggestions rank the newest this-many matches only: a common word matches a large part of a big
 * library, and ranking every match of it at each keystroke would take longer than the pull itself.
 * It was 500: at 200, PostgreSQL's walk back through the newest learnings for matches is 2.5 times
 * shorter (a suggestion's p99 35 -> 13 ms of CPU at 100,000 learnings), and the best three of the
 * newest 200 learnings about those words are still the ones a person raising a problem today needs.
 */
export const SUGGEST_CANDIDATES = 200;

/**
 * The few best matches for what someone is typing: any of the words (the last one, if half typed, as
 * a prefix), best first among the newest SUGGEST_CANDIDATES matches. No snippets, so it stays quick.
 */
export function suggestLearnings(db: Reads, words: string[], lastHalfTyped: boolean, limit: number): Promise<SuggestionRow[]> {
  if (db.dialect === 'sqlite') {
    return db.all<SuggestionRow>(sql`select learnings.id, problems.number as problem_number, learnings.title, areas.slug as area_slug
      from (select candidates.doc_id, candidates.score from (
            -- FTS5 walks its matches newest first and stops at the limit; bm25 is computed for those alone.
            select rowid as doc_id, bm25(learnings_fts, 10.0, 4.0, 3.0, 2.0, 2.0, 8.0) as score from learnings_fts
            where learnings_fts match ${ftsMatch(words, 'or', lastHalfTyped)} order by rowid desc limit ${SUGGEST_CANDIDATES}) as candidates
          join learnings on learnings.doc_id = candidates.doc_id
          where learnings.state = 'published' order by candidates.score limit ${limit}) as best
      join learnings on learnings.doc_id = best.doc_id join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
      order by best.score, best.doc_id`);
  }
  return db.all<SuggestionRow>(sql`select learnings.id, problems.number as problem_number, learnings.title, areas.slug as area_slug
    from (select candidates.doc_id, ts_rank(candidates.search, candidates.query) as score from (
          select learnings.doc_id, learnings.search, q.query from learnings, (select ${tsQuery(words, 'or', lastHalfTyped)} as query) as q
          where learnings.search @@ q.query and learnings.state = 'published' order by learnings.doc_id desc limit ${SUGGEST_CANDIDATES}) as candidates
        order by score desc, candidates.doc_id limit ${limit}) as best
    join learnings on learnings.doc_id = best.doc_id join problems on problems.id = learnings.problem_id join areas on areas.id = learnings.area_id
    order by best.score desc, best.doc_id`);
}

/**
 * PostgreSQL: statistics on the table of words now, rather than when autovacuum gets to it. Search
 * reads them to tell rare words from common ones (`learning_candidates`, migration 0021); a
 * library loaded in bulk, or a test's, has none until then.
 */
export async function analyzeSearchWords(db: Queryable): Promise<void> {
  if (db.dialect === 'postgres') await db.run(sql`analyze learning_words`);
}
