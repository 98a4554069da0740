import { PAGE_LIMIT_MAX } from '../../../shared/limits.ts';
import type { ListProblemsQuery, Problem } from '../../../shared/problems.ts';
import { RESOLVED_WINDOW_MS } from '../../../shared/values/problems.ts';
import { listProblems } from '../api/endpoints.ts';
import type { LiveSnapshot } from '../live/use-live-problems.ts';

// Enough for a very busy organisation; past this the board shows the newest and says nothing is lost.
const MAX_OPEN_PAGES = 50;
const MAX_RESOLVED_PAGES = 5;

/** The pages of one list; its seq is the first page's, the oldest read, so that resuming from it misses nothing. */
async function pageThrough(query: ListProblemsQuery, maxPages: number, signal: AbortSignal): Promise<LiveSnapshot & { seq: number }> {
  const problems: Problem[] = [];
  let seq: number | undefined;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await listProblems({ ...query, cursor, limit: PAGE_LIMIT_MAX }, signal);
    problems.push(...list.items);
    seq ??= list.seq;
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return { problems, seq: seq ?? 0 };
}

/**
 * Every open problem plus the recently resolved ones; the board decides what "recent" means. Its seq
 * is the older of the two lists', so the live connection replays whatever either could have missed.
 */
export async function loadBoardProblems(signal: AbortSignal): Promise<LiveSnapshot> {
  const [open, resolved] = await Promise.all([
    pageThrough({ status: 'open' }, MAX_OPEN_PAGES, signal),
    // Anything resolved in the window was last changed in it too; the board checks the resolve time.
    pageThrough({ status: 'resolved', updatedSince: new Date(Date.now() - RESOLVED_WINDOW_MS).toISOString() }, MAX_RESOLVED_PAGES, signal),
  ]);
  return { problems: [...open.problems, ...resolved.problems], seq: Math.min(open.seq, resolved.seq) };
}
