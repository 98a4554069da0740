import { PAGE_LIMIT_MAX } from '../../../shared/limits.ts';
import type { ListProblemsQuery, Problem } from '../../../shared/problems.ts';
import { RESOLVED_WINDOW_MS } from '../../../shared/values/problems.ts';
import { listProblems } from '../api/endpoints.ts';

// Enough for a very busy organisation; past this the board shows the newest and says nothing is lost.
const MAX_OPEN_PAGES = 50;
const MAX_RESOLVED_PAGES = 5;

async function pageThrough(query: ListProblemsQuery, maxPages: number, signal: AbortSignal): Promise<Problem[]> {
  const problems: Problem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await listProblems({ ...query, cursor, limit: PAGE_LIMIT_MAX }, signal);
    problems.push(...list.items);
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return problems;
}

/** Every open problem plus the recently resolved ones; the board decides what "recent" means. */
export async function loadBoardProblems(signal: AbortSignal): Promise<Problem[]> {
  const [open, resolved] = await Promise.all([
    pageThrough({ status: 'open' }, MAX_OPEN_PAGES, signal),
    // Anything resolved in the window was last changed in it too; the board checks the resolve time.
    pageThrough({ status: 'resolved', updatedSince: new Date(Date.now() - RESOLVED_WINDOW_MS).toISOString() }, MAX_RESOLVED_PAGES, signal),
  ]);
  return [...open, ...resolved];
}
