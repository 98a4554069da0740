import { PAGE_LIMIT_MAX } from '../../../shared/limits.ts';
import type { ListProblemsQuery, Problem } from '../../../shared/problems.ts';
import { RESOLVED_WINDOW_MS } from '../../../shared/values/problems.ts';
import { listProblems } from '../api/endpoints.ts';
import type { RequestOptions } from '../api/http.ts';

// Enough for a very busy organisation; past this the board shows the newest and says nothing is lost.
const MAX_OPEN_PAGES = 50;
const MAX_RESOLVED_PAGES = 5;

type Request = Pick<RequestOptions, 'signal' | 'expectUnauthorized'>;

async function pageThrough(query: ListProblemsQuery, maxPages: number, request: Request): Promise<Problem[]> {
  const problems: Problem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await listProblems({ ...query, cursor, limit: PAGE_LIMIT_MAX }, request);
    problems.push(...list.items);
    if (!list.nextCursor) break;
    cursor = list.nextCursor;
  }
  return problems;
}

function boardProblems(request: Request): Promise<Problem[]> {
  return Promise.all([
    pageThrough({ status: 'open' }, MAX_OPEN_PAGES, request),
    // Anything resolved in the window was last changed in it too; the board checks the resolve time.
    pageThrough({ status: 'resolved', updatedSince: new Date(Date.now() - RESOLVED_WINDOW_MS).toISOString() }, MAX_RESOLVED_PAGES, request),
  ]).then(([open, resolved]) => [...open, ...resolved]);
}

/** Every open problem plus the recently resolved ones; the board decides what "recent" means. */
export function loadBoardProblems(signal: AbortSignal): Promise<Problem[]> {
  return boardProblems({ signal });
}

let early: Promise<Problem[]> | null = null;

/**
 * Asks for the board's problems as the app's code starts (main.tsx), beside the session check, so the
 * cards do not wait for the session, then the board's code, then the live connection's welcome. It
 * is drawn at once and, like any snapshot taken before the welcome, loaded again after it. Signed
 * out, it is refused (401) without signing anyone out: the session check says what to show.
 */
export function prefetchBoardProblems(): void {
  early = boardProblems({ expectUnauthorized: true });
  early.catch(() => undefined);
}

/** The snapshot prefetchBoardProblems asked for, once; null when none was. */
export function takePrefetchedBoardProblems(): Promise<Problem[]> | null {
  const snapshot = early;
  early = null;
  return snapshot;
}
