// One clock for every bench process on this machine: wall-clock milliseconds with sub-ms precision.
// performance.timeOrigin is taken from the system clock when each process starts, so readings taken in
// different processes are comparable (to well under a millisecond on one machine).
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the clock reads `at` (returns at once if that moment has passed). */
export function sleepUntil(at: number): Promise<void> {
  const ms = at - now();
  return ms > 0 ? sleep(ms) : Promise.resolve();
}
