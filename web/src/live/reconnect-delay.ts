const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * "Full jitter" exponential backoff: a random delay up to 0.5 s, 1 s, 2 s … 30 s. Spreading the
 * retries keeps a restarted server from being hit by every open board at the same moment.
 */
export function reconnectDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts));
  // Never zero, so a flapping server cannot make us spin.
  return Math.max(100, Math.round(ceiling * random()));
}
