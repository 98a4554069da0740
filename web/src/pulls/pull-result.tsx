import { Link } from 'wouter';
import { areaName, useAreas } from '../areas/areas-store.ts';
import { LEVEL_LABEL, STATUS_LABEL } from '../problems/problem-words.ts';
import type { RecentPull } from './pulls-context.tsx';

/** The pull made last on this page, by its idempotency key. */
export type PullResultState = { key: string; title: string } | null;

interface PullResultProps {
  result: PullResultState;
  /** Latest known copy of each recent pull, kept live by the pull page. */
  recent: RecentPull[];
  /** Keys still in the queue; a pull that left it without being sent was refused (shown elsewhere). */
  waitingKeys: readonly string[];
}

/** The answer to "did my pull go through?", announced politely right after each pull. */
export function PullResult({ result, recent, waitingKeys }: PullResultProps) {
  const { areas } = useAreas();
  // A queued pull turns into a sent one here as soon as a background retry gets it through.
  const problem = result ? recent.find((r) => r.key === result.key)?.problem : undefined;
  return (
    <div className="pull-result" role="status" aria-live="polite">
      {problem && (
        <div className={`result result--${problem.level}`}>
          <p className="result__headline">
            Pulled <Link href={`/problems/${problem.number}`}>#{problem.number}</Link>{' '}
            <span className="result__title">“{problem.title}”</span>
          </p>
          <p>
            <span className={`badge badge--${problem.level}`}>{LEVEL_LABEL[problem.level]}</span>{' '}
            <span className={`badge badge--status badge--${problem.status}`}>{STATUS_LABEL[problem.status]}</span>{' '}
            in {areaName(areas, problem.area)}.{' '}
            {problem.status === 'raised' ? 'It is on the board for responders now.' : ''}
          </p>
        </div>
      )}
      {result && !problem && waitingKeys.includes(result.key) && (
        <div className="result result--queued">
          <p className="result__headline">Saved on this device — not sent yet.</p>
          <p>“{result.title}” will be sent as soon as the server answers. You can keep pulling.</p>
        </div>
      )}
    </div>
  );
}
