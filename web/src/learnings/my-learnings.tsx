import { Link } from 'wouter';
import { getMyLearnings } from '../api/endpoints.ts';
import { useLoaded } from './use-loaded.ts';
import './learnings.css';

/** The home page's: my open follow-up actions, and the learnings I have not read yet. */
export function MyLearningsPanel() {
  const { data } = useLoaded((signal) => getMyLearnings(signal), 'mine');
  if (!data || (data.followUps.length === 0 && data.unread.length === 0)) return null;
  return (
    <section className="my-learnings" aria-labelledby="my-learnings-title">
      <h2 id="my-learnings-title">For you</h2>
      {data.followUps.length > 0 && (
        <>
          <h3>Your follow-up actions</h3>
          <ul>
            {data.followUps.map((f) => (
              <li key={f.id}>
                <Link href={`/learnings/${encodeURIComponent(f.learningId)}`}>{f.text}</Link>{' '}
                <span className={f.overdue ? 'overdue' : 'muted'}>due {f.dueOn}{f.overdue ? ' (overdue)' : ''}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {data.unread.length > 0 && (
        <>
          <h3>Learnings you have not read</h3>
          <ul>
            {data.unread.map((u) => (
              <li key={u.id}><Link href={`/learnings/${encodeURIComponent(u.id)}`}>{u.title}</Link></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
