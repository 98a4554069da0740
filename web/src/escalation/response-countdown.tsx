import { useRef } from 'react';
import type { Problem } from '../../../shared/problems.ts';
import { useInView } from '../browser/use-in-view.ts';
import { useSeconds } from '../browser/use-seconds.ts';
import { countdownOf } from './countdown.ts';

/**
 * The andon light of a pull nobody has joined: the words say it all ("2:13 left", "4 min late"),
 * the colour repeats them. Not a live region: a screen reader would hear it every second.
 */
export function ResponseCountdown({ problem }: { problem: Pick<Problem, 'status' | 'raisedAt' | 'escalation'> }) {
  if (problem.status !== 'raised') return null;
  return <Ticking problem={problem} />;
}

// Only a countdown on screen ticks: a board of tens of pulls would otherwise draw them all every second.
function Ticking({ problem }: { problem: Pick<Problem, 'status' | 'raisedAt' | 'escalation'> }) {
  const ref = useRef<HTMLSpanElement>(null);
  const countdown = countdownOf(problem, useSeconds(useInView(ref)));
  if (!countdown) return null;
  return (
    <span ref={ref} className={`countdown countdown--${countdown.light}`} data-testid="countdown">
      <span className="countdown__light" aria-hidden="true" />
      <span className="visually-hidden">Response: </span>
      {countdown.text}
    </span>
  );
}
