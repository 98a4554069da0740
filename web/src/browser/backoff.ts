export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
}

/** A dropped live connection should come back fast. */
export const RECONNECT: BackoffPolicy = { firstMs: 500, maxMs: 30_000 };
/** A queued pull waits on a server that may be down for minutes; no need to hammer it. */
export const PULL_RETRY: BackoffPolicy = { firstMs: 2_000, maxMs: 60_000 };

/**
 * Exponential backoff with "full jitter": after `failures` failures, a random delay up to
 * first × 2^failures, capped. Spreading the retries keeps a restarted server from being hit by
 * every open browser at the same moment; never under 100 ms, so a flapping server cannot make us spin.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, failures));
  return Math.max(100, Math.round(ceiling * random()));
}
