import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import type { ProblemEvent } from '../../../shared/live.ts';
import { RESOLVED_WINDOW_HOURS } from '../../../shared/values/problems.ts';
import { useAreas } from '../areas/areas-store.ts';
import { describeError } from '../api/http.ts';
import { BoardColumn, type ColumnLayout } from '../board/board-column.tsx';
import { BoardFilterBar } from '../board/board-filter-bar.tsx';
import { boardLanes, matchesFilters, readFilters, type BoardFilters } from '../board/board-lanes.ts';
import { loadBoardProblems } from '../board/load-board.ts';
import { openStops, stopsOpenText, useStopFavicon } from '../board/stop-signal.ts';
import { TvCorner } from '../board/tv-corner.tsx';
import { leaveTvModeHref, tvModeHref, useTvMode } from '../board/tv-mode.ts';
import { useMediaQuery } from '../browser/use-media-query.ts';
import '../board/board.css';
import { usePageTitle } from '../browser/use-page-title.ts';
import { useNow } from '../browser/use-now.ts';
import { ConnectionIndicator } from '../components/connection-indicator.tsx';
import { useLiveProblems } from '../live/use-live-problems.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';
import { OverdueFollowUpsNotice } from '../learnings/overdue-notice.tsx';

const FRESH_MS = 6_000;

// The same width at which styles.css stacks the columns into one.
const PHONE = '(max-width: 640px)';

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const tv = useTvMode();
  const phone = useMediaQuery(PHONE);
  const filters = readFilters(params);
  const { areas } = useAreas();
  const now = useNow();
  const [fresh, setFresh] = useState<ReadonlySet<number>>(() => new Set());
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef({ filters });
  // Updated after each commit, before effects run: React asks that refs are not written while rendering.
  useLayoutEffect(() => {
    latest.current = { filters };
  });
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const onChange = useCallback(
    (event: ProblemEvent, applied: { added: boolean }) => {
      if (event.name !== 'problem.raised' || !applied.added) return;
      const problem = event.data;
      setFresh((set) => new Set(set).add(problem.number));
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setFresh((set) => {
          const next = new Set(set);
          next.delete(problem.number);
          return next;
        });
      }, FRESH_MS);
      timers.current.add(timer);
      // Sound and notifications are the app-wide alerts' (web/src/alerts), for the people a pull concerns.
      if (!matchesFilters(problem, latest.current.filters)) return;
      setAnnouncement(`New ${LEVEL_LABEL[problem.level]} pull #${problem.number}: ${problem.title}`);
    },
    [],
  );

  const live = useLiveProblems({ load: loadBoardProblems, resumeFromSnapshot: true, onChange });
  // `filters` is a new object every render: its fields say when it really changed.
  const { area, level } = filters;
  const lanes = useMemo(() => boardLanes(live.state.byNumber.values(), { area, level }, now), [live.state, area, level, now]);
  const stops = openStops([...lanes.raised, ...lanes.swarming, ...lanes.contained]);
  usePageTitle(stops > 0 ? `${stopsOpenText(stops)} · Board` : 'Board');
  useStopFavicon(stops);
  const layout: ColumnLayout = tv ? 'fit' : phone ? 'page' : 'scroll';

  function setFilters(next: BoardFilters) {
    const query = new URLSearchParams();
    if (next.area) query.set('area', next.area);
    if (next.level) query.set('level', next.level);
    if (tv) query.set('tv', '1');
    setParams(query, { replace: true });
  }

  const columns = [
    { lane: 'raised', title: 'Raised', empty: 'No problem waiting for a responder.' },
    { lane: 'swarming', title: 'Swarming', empty: 'Nobody is swarming right now.' },
    { lane: 'contained', title: 'Contained', empty: 'Nothing contained and waiting for a fix.' },
    { lane: 'resolved', title: `Resolved in the last ${RESOLVED_WINDOW_HOURS} hours`, empty: `Nothing resolved in the last ${RESOLVED_WINDOW_HOURS} hours.` },
  ] as const;

  return (
    <div className={tv ? 'board-page board-page--tv' : 'board-page'}>
      {tv ? (
        <>
          <h1 className="visually-hidden">Board</h1>
          <TvCorner status={live.status} leaveHref={leaveTvModeHref(params)} />
        </>
      ) : (
        <>
          <div className="board-page__head">
            <h1 tabIndex={-1}>Board</h1>
            <OverdueFollowUpsNotice />
            <ConnectionIndicator status={live.status} />
            <Link href={tvModeHref(params)} className="button button--quiet button--small board-page__tv">
              TV mode
            </Link>
          </div>
          <div className="board-toolbar">
            <BoardFilterBar filters={filters} areas={areas} onChange={setFilters} />
          </div>
        </>
      )}
      {live.error != null && (
        <p role="alert" className="alert alert--error">
          Could not load the board: {describeError(live.error)} Retrying…
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {/* Always there, so that a Stop arriving, or the board loading, never moves the columns. */}
      <p className={stops > 0 ? 'stop-banner stop-banner--open' : 'stop-banner'} data-testid="stop-banner">
        {!live.loaded ? '' : stops > 0 ? (
          <>
            <span className="stop-banner__mark" aria-hidden="true" />
            {stopsOpenText(stops)}
          </>
        ) : 'No Stop open'}
      </p>
      {live.loaded ? (
        <div className="board" key="board">
          {columns.map((c) => (
            <BoardColumn
              key={c.lane}
              lane={c.lane}
              title={c.title}
              problems={lanes[c.lane]}
              areas={areas}
              fresh={fresh}
              now={now}
              emptyText={c.empty}
              layout={layout}
            />
          ))}
        </div>
      ) : (
        // One block holding the room the columns will take, rather than empty columns that the
        // first cards would push down the page.
        <div className="board board--loading" key="loading" aria-busy="true">
          <p role="status" className="muted">
            {live.error == null ? 'Loading the board…' : ''}
          </p>
        </div>
      )}
    </div>
  );
}
