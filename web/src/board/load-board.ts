import { PAGE_LIMIT_MAX } from '../../../shared/limits.ts';
import type { ListProblemsQuery, Problem } from '../../../shared/problems.ts';
import { RESOLVED_WINDOW_MS } from '../../../shared/values/problems.ts';
import { listProblems, type FirstRequestOptions } from '../api/endpoints.ts';
import type { LiveSnapshot } from '../live/use-live-problems.ts';

// Enough for a very busy organisation; past this the board shows the newest and says nothing is lost.
const MAX_OPEN_PAGES = 50;
const MAX_RESOLVED_PAGES = 5;

/** The pages of one list; its seq is the first page's, the oldest read, so that resuming from it misses nothing. */
async function pageThrough(query: ListProblemsQuery, maxPages: number, options: FirstRequestOptions): Promise<LiveSnapshot & { seq: number }> {
  const problems: Problem[] = [];
  let seq: number | undefined;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await listProblems({ ...query, cursor, limit: PAGE_LIMIT_MAX }, options);
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
async function readBoardProblems(options: FirstRequestOptions): Promise<LiveSnapshot> {
  const [open, resolved] = await Promise.all([
    pageThrough({ status: 'open' }, MAX_OPEN_PAGES, options),
    // Anything resolved in the window was last changed in it too; the board checks the resolve time.
    pageThrough({ status: 'resolved', updatedSince: new Date(Date.now() - RESOLVED_WINDOW_MS).toISOString() }, MAX_RESOLVED_PAGES, options),
  ]);
  return { problems: [...open.problems, ...resolved.problems], seq: Math.min(open.seq, resolved.seq) };
}

let early: Promise<LiveSnapshot> | null = null;

/**
 * Asks for the board's first snapshot as the app starts (main.tsx), beside the session check, rather
 * than once the session is known, the board's chunk has run and drawn its loading state: on a phone
 * that is a round trip and a script's run sooner. The board still draws it where it always did. The
 * snapshot's seq makes its age harmless: the live connection resumes from it.
 */
export function startEarlyBoardLoad(): void {
  const asked = readBoardProblems({ expectUnauthorized: true });
  early = asked;
  // Signed out, or the server down: the board, once shown, asks again itself.
  asked.catch(() => {
    if (early === asked) early = null;
  });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('The board stopped loading', 'AbortError'));
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject);
  });
}

/** The board's loader: the early snapshot the first time, if one was asked for, then fresh ones. */
export function loadBoardProblems(signal: AbortSignal): Promise<LiveSnapshot> {
  const taken = early;
  early = null;
  return taken ? untilAborted(taken, signal) : readBoardProblems({ signal });
}
