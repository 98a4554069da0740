import { ACTOR_KIND_SUFFIX } from '../../../shared/values/accounts.ts';
import type { StatusChange } from '../../../shared/problems.ts';
import { formatWhen } from './format-age.ts';
import { STATUS_LABEL } from './problem-words.ts';

export function ProblemHistory({ history }: { history: StatusChange[] }) {
  if (history.length === 0) return <p className="muted">No status changes yet.</p>;
  return (
    <ol className="history">
      {history.map((change, index) => (
        <li key={`${change.at}-${index}`} className="history__item">
          <span className="history__move">
            {change.from ? (
              <>
                {STATUS_LABEL[change.from]} <span aria-hidden="true">→</span>
                <span className="visually-hidden"> to </span> {STATUS_LABEL[change.to]}
              </>
            ) : (
              STATUS_LABEL[change.to]
            )}
          </span>{' '}
          <span className="history__who">
            by {change.by.name}
            {ACTOR_KIND_SUFFIX[change.by.kind]}
          </span>
          {' · '}
          <time className="history__when" dateTime={change.at}>
            {formatWhen(change.at)}
          </time>
          {change.reason && <p className="history__reason">{change.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
