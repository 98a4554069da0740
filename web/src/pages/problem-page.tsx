import { useCallback } from 'react';
import { Link } from 'wouter';
import { ACTOR_KIND_SUFFIX } from '../../../shared/values/accounts.ts';
import type { Area } from '../../../shared/areas.ts';
import type { Problem } from '../../../shared/problems.ts';
import { isOpenStatus } from '../../../shared/status-lifecycle.ts';
import { getProblem } from '../api/endpoints.ts';
import { ApiError, describeError } from '../api/http.ts';
import { areaName, useAreas } from '../areas/areas-store.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { useNow } from '../browser/use-now.ts';
import { ConnectionIndicator } from '../components/connection-indicator.tsx';
import { EscalationPanel } from '../escalation/escalation-panel.tsx';
import type { LiveStatus } from '../live/live-connection.ts';
import { LearningCapture } from '../learnings/learning-capture.tsx';
import { SimilarLearnings } from '../learnings/similar-learnings.tsx';
import { useLiveProblems } from '../live/use-live-problems.ts';
import { formatAge, formatWhen } from '../problems/format-age.ts';
import { ProblemActions } from '../problems/problem-actions.tsx';
import { ProblemRouting } from '../problems/problem-routing.tsx';
import { ProblemHistory } from '../problems/problem-history.tsx';
import { LEVEL_LABEL, LEVEL_MEANING, STATUS_LABEL } from '../problems/problem-words.ts';
import { SwarmPanel } from '../swarm/swarm-panel.tsx';
import { usePresence } from '../swarm/use-presence.ts';
import { EntryForm } from '../timeline/entry-form.tsx';
import { HypothesisLedger } from '../timeline/hypothesis-ledger.tsx';
import { TimelineList } from '../timeline/timeline-list.tsx';
import { useLiveTimeline } from '../timeline/use-live-timeline.ts';
import type { TimelineEntry } from '../../../shared/timeline.ts';
import type { Presence } from '../../../shared/problems.ts';
import { NotFoundPage } from './not-found-page.tsx';
import '../timeline/timeline.css';
import { AlertFacts, ProblemDetails } from '../integrations/alert-facts.tsx';

function agoText(age: string): string {
  return age === 'just now' ? age : `${age} ago`;
}

export function ProblemPage({ number: raw }: { number: string }) {
  const number = /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : null;
  if (number === null) return <NotFoundPage />;
  return <LiveProblem number={number} />;
}

function LiveProblem({ number }: { number: number }) {
  const { areas } = useAreas();
  const now = useNow();
  const load = useCallback((signal: AbortSignal) => getProblem(number, signal).then((p) => ({ problems: [p] })), [number]);
  const timeline = useLiveTimeline(number);
  const presence = usePresence(number, now);
  // One connection for the page: problem events update the problem, the rest the timeline and presence.
  const live = useLiveProblems({
    load,
    subscription: { problem: number },
    onOtherEvent: (event) => {
      timeline.onEvent(event);
      presence.onEvent(event);
    },
    onResync: timeline.resync,
  });
  const problem = live.state.byNumber.get(number);
  usePageTitle(problem ? `#${problem.number} ${problem.title}` : `#${number}`);

  const missing = live.error instanceof ApiError && live.error.status === 404;
  // One heading element whatever the state, so focus placed on it on arrival survives the load.
  return (
    <article className="problem-page" aria-labelledby="problem-title">
      <h1 id="problem-title" tabIndex={-1} className="problem-page__title">
        <span className="problem-page__number">#{number}</span> {problem?.title ?? ''}
      </h1>
      {problem ? (
        <ProblemBody problem={problem} status={live.status} areas={areas} now={now} onUpdated={live.put}
          entries={timeline.entries} onEntry={timeline.put} present={presence.present} />
      ) : missing ? (
        <p role="alert">
          There is no problem #{number}. See the <Link href="/board">board</Link> for everything open.
        </p>
      ) : live.error != null ? (
        <p role="alert" className="alert alert--error">
          Could not load #{number}: {describeError(live.error)} Retrying…
        </p>
      ) : (
        <p role="status" className="muted">
          Loading…
        </p>
      )}
    </article>
  );
}

interface ProblemBodyProps {
  problem: Problem;
  status: LiveStatus;
  areas: readonly Area[];
  now: number;
  onUpdated: (problem: Problem) => void;
  entries: TimelineEntry[];
  onEntry: (entry: TimelineEntry) => void;
  present: Presence['people'];
}

function ProblemBody({ problem, status, areas, now, onUpdated, entries, onEntry, present }: ProblemBodyProps) {
  return (
    <>
      <div className="problem-page__badges">
        <p>
          <span className={`badge badge--${problem.level}`} title={LEVEL_MEANING[problem.level]}>
            {LEVEL_LABEL[problem.level]}
          </span>{' '}
          <span className={`badge badge--status badge--${problem.status}`}>
            <span className="visually-hidden">Status: </span>
            {STATUS_LABEL[problem.status]}
          </span>
        </p>
        <ConnectionIndicator status={status} />
      </div>
      <dl className="facts">
        <div>
          <dt>Area</dt>
          <dd>{areaName(areas, problem.area)}</dd>
        </div>
        <div>
          <dt>Pulled by</dt>
          <dd>
            {problem.raisedBy.name}
            {ACTOR_KIND_SUFFIX[problem.raisedBy.kind]}
          </dd>
        </div>
        <div>
          <dt>Pulled</dt>
          <dd>
            <time dateTime={problem.raisedAt}>{formatWhen(problem.raisedAt)}</time> ({agoText(formatAge(problem.raisedAt, now))})
          </dd>
        </div>
        <div>
          <dt>Last change</dt>
          <dd>
            <time dateTime={problem.updatedAt}>{formatWhen(problem.updatedAt)}</time>
          </dd>
        </div>
        <AlertFacts problem={problem} />
      </dl>

      <SwarmPanel problem={problem} present={present} onUpdated={onUpdated} />
      <EscalationPanel problem={problem} onUpdated={onUpdated} />
      <ProblemActions problem={problem} onUpdated={onUpdated} />
      {isOpenStatus(problem.status) && <ProblemRouting problem={problem} areas={areas} onUpdated={onUpdated} />}

      <section aria-labelledby="details-title" className="problem-page__section">
        <h2 id="details-title">Details</h2>
        <ProblemDetails problem={problem} />
      </section>

      <LearningCapture problem={problem} />
      <SimilarLearnings problem={problem} />

      <HypothesisLedger entries={entries} onChanged={onEntry} />

      <section aria-labelledby="timeline-title" className="problem-page__section">
        <h2 id="timeline-title">Timeline</h2>
        <TimelineList entries={entries} onChanged={onEntry} />
        <EntryForm number={problem.number} onAdded={onEntry} />
      </section>

      <section aria-labelledby="history-title" className="problem-page__section">
        <h2 id="history-title">Status history</h2>
        <ProblemHistory history={problem.history} />
      </section>
    </>
  );
}
