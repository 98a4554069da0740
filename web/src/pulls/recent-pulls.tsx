import { isProblemEvent } from '../../../shared/values/live.ts';
import { Link } from 'wouter';
import type { Problem } from '../../../shared/problems.ts';
import { getProblem } from '../api/endpoints.ts';
import { useLiveConnection } from '../live/use-live-connection.ts';
import { STATUS_LABEL } from '../problems/problem-words.ts';
import { usePulls } from './pulls-context.tsx';

/** Earlier pulls from this visit, with their status kept live so the puller sees someone coming. */
export function RecentPulls({ skipNumber }: { skipNumber: number | null }) {
  const { recent, noteUpdate } = usePulls();
  useLiveConnection({
    onEvent: (event) => {
      if (isProblemEvent(event)) noteUpdate(event.data);
    },
    onReset: () => {
      for (const r of recent) getProblem(r.problem.number).then(noteUpdate, () => undefined);
    },
  });
  const earlier: Problem[] = recent.map((r) => r.problem).filter((p) => p.number !== skipNumber);
  if (earlier.length === 0) return null;
  return (
    <section className="recent-pulls" aria-labelledby="recent-pulls-title">
      <h2 id="recent-pulls-title">Your earlier pulls</h2>
      <ul>
        {earlier.map((p) => (
          <li key={p.number}>
            <Link href={`/problems/${p.number}`}>#{p.number}</Link> {p.title}{' '}
            <span className={`badge badge--status badge--${p.status}`}>{STATUS_LABEL[p.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
