import type { Problem } from '../../../shared/problems.ts';
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

function Ticking({ problem }: { problem: Pick<Problem, 'status' | 'raisedAt' | 'escalation'> }) {
  const countdown = countdownOf(problem, useSeconds());
  if (!countdown) return null;
  return (
    <span className={`countdown countdown--${countdown.light}`} data-testid="countdown">
      <span className="countdown__light" aria-hidden="true" />
      <span className="visually-hidden">Response: </span>
      {countdown.text}
    </span>
  );
}
