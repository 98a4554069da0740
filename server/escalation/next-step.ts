/** Where a problem stands on its area's path: step 0 is the responders' countdown, before any step. */
export interface PathPosition {
  step: number;
  round: number;
}

export interface NextStep extends PathPosition {
  /** Steps with nobody in them passed over on the way, at once rather than waited out. */
  skipped: number[];
}

/**
 * The next step with somebody in it after `from`, running the path again `repeat` times after its
 * last step; null when nobody is left. A path that was shortened since is handled the same way: a
 * position past its end wraps or ends.
 */
export function nextStep(steps: readonly { people: readonly unknown[] }[], repeat: number, from: PathPosition): NextStep | null {
  let { step, round } = from;
  const skipped: number[] = [];
  for (;;) {
    step += 1;
    if (step > steps.length) {
      if (round >= repeat || steps.length === 0) return null;
      round += 1;
      step = 1;
    }
    if (steps[step - 1].people.length > 0) return { step, round, skipped };
    skipped.push(step);
    // Every step empty: stop after one full pass per round rather than loop.
    if (skipped.length > steps.length * (repeat + 1)) return null;
  }
}
