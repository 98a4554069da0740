import { useId } from 'react';
import { Link } from 'wouter';
import type { NotSpreading } from '../../../shared/learnings.ts';
import { getNotSpreading } from '../api/endpoints.ts';
import { useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { leadsAnArea } from '../learnings/leads-area.ts';
import { useLoaded } from '../learnings/use-loaded.ts';
import { useUser } from '../session/session-context.tsx';
import '../learnings/learnings.css';

type AreaSpread = NotSpreading['areas'][number];

function AreaSection({ area }: { area: AreaSpread }) {
  const id = useId();
  const more = area.count - area.learnings.length;
  return (
    <section className="not-spreading__area" aria-labelledby={`${id}-name`}>
      <h2 id={`${id}-name`}>{area.areaName}</h2>
      <p className="muted">
        {area.count} {area.count === 1 ? 'learning' : 'learnings'} not spreading · {area.members} {area.members === 1 ? 'member' : 'members'}
      </p>
      <ol className="learning-hits">
        {area.learnings.map((learning) => (
          <li key={learning.id} className="learning-hit">
            <h3 className="learning-hit__title">
              <Link href={`/learnings/${encodeURIComponent(learning.id)}`}>{learning.title}</Link>
            </h3>
            <p className="learning-hit__meta">
              <span className="not-spreading__share">
                {learning.membersAcknowledged} of {area.members} read and understood ({Math.round(learning.share * 100)}%)
              </span>{' '}
              · #{learning.problemNumber} · published {learning.publishedAt.slice(0, 10)}
            </p>
            <p className="learning-hit__snippet">
              <strong>Not yet:</strong> {learning.notAcknowledged.map((p) => p.name).join(', ')}
            </p>
          </li>
        ))}
      </ol>
      {more > 0 && <p className="muted">…and {more} more, newer.</p>}
    </section>
  );
}

/** For leads: where learning is not spreading, per area they look after, the oldest first. */
export function NotSpreadingPage() {
  usePageTitle('Not spreading');
  const me = useUser();
  const { areas, loaded } = useAreas();
  const answer = useLoaded((signal) => getNotSpreading(signal), 'not-spreading');
  const data = answer.data;
  return (
    <div className="learnings-page not-spreading">
      <p className="muted">
        <Link href="/learnings">← Learnings</Link>
      </p>
      <h1 tabIndex={-1}>Learnings not spreading</h1>
      <p className="lead">
        Per area you look after, the published learnings that fewer than {data?.percent ?? 50}% of the area’s members have read and
        understood, the oldest first. An area’s members are its responders, the people on its escalation path, and everyone who swarmed
        one of its problems.
      </p>
      {answer.error && <p role="alert" className="alert alert--error">Could not load: {answer.error}</p>}
      <p role="status" className="muted">
        {!data
          ? 'Loading…'
          : data.areas.length > 0
            ? ''
            : loaded && !leadsAnArea(me, areas)
              ? 'This is for admins and for the responders of an area.'
              : 'Every learning has reached at least half of its area’s members.'}
      </p>
      {data?.areas.map((area) => <AreaSection key={area.area} area={area} />)}
    </div>
  );
}
