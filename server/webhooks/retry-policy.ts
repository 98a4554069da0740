/**
 * How long to wait after the n-th failed attempt (index 0 = after the first). The waits add up to
 * more than 24 hours, so a receiver that is down for a day still gets its alerts.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A Retry-After is honoured up to this long; longer would outlast the whole schedule. */
const RETRY_AFTER_MAX_MS = 36_000_000;

/** The time of the next attempt after `attempts` have failed, or null when the schedule is spent. */
export function nextAttemptAt(attempts: number, now: number, retryAfterMs: number | null = null): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  if (retryAfterMs !== null) return now + Math.min(Math.max(retryAfterMs, 1_000), RETRY_AFTER_MAX_MS);
  return now + RETRY_DELAYS_MS[attempts - 1];
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
