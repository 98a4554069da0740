import { createTicker } from './ticker.ts';

/**
 * A second ticker of its own, subscribed only by running countdowns, so a board of quiet cards
 * keeps the 15-second ticker of `useNow` and does not re-render every second.
 */
export const useSeconds = createTicker(1_000);
