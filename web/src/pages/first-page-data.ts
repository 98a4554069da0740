import { reloadAreas } from '../areas/areas-store.ts';
import { startEarlyBoardLoad } from '../board/load-board.ts';

/**
 * Asks for the lists the page at this address draws first as the app starts, beside the session
 * check and its page's chunk (lazy-pages.ts), rather than once both have arrived and the page has
 * drawn its loading state. Each is then drawn with the page's first render, not after it.
 */
export function startFirstPageData(pathname: string): void {
  const board = pathname === '/board';
  if (board) startEarlyBoardLoad();
  if (board || /^\/(pull)?$/.test(pathname)) void reloadAreas({ first: true });
}
