import { createTicker } from './ticker.ts';

/** One shared ticker for every "4 min" on screen, so a board of 1,000 cards runs one timer, not 1,000. */
export const useNow = createTicker(15_000);
