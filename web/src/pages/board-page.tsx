import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'wouter';
import type { ProblemEvent } from '../../../shared/live.ts';
import { RESOLVED_WINDOW_HOURS } from '../../../shared/problems.ts';
import { useAreas } from '../areas/areas-store.ts';
import { describeError } from '../api/http.ts';
import { BoardColumn } from '../board/board-column.tsx';
import { BoardFilterBar } from '../board/board-filter-bar.tsx';
import { boardLanes, matchesFilters, readFilters, type BoardFilters } from '../board/board-lanes.ts';
import { loadBoardProblems } from '../board/load-board.ts';
import { usePageTitle } from '../browser/use-page-title.ts';
import { useNow } from '../browser/use-now.ts';
import { ConnectionIndicator } from '../components/connection-indicator.tsx';
import { useLiveProblems } from '../live/use-live-problems.ts';
import { LEVEL_LABEL } from '../problems/problem-words.ts';

const FRESH_MS = 6_000;

export function BoardPage() {
  usePageTitle('Board');
  const [params, setParams] = useSearchParams();
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

  const live = useLiveProblems({ load: loadBoardProblems, onChange });
  // `filters` is a new object every render: its fields say when it really changed.
  const { area, level } = filters;
  const lanes = useMemo(() => boardLanes(live.state.byNumber.values(), { area, level }, now), [live.state, area, level, now]);

  function setFilters(next: BoardFilters) {
    const query = new URLSearchParams();
    if (next.area) query.set('area', next.area);
    if (next.level) query.set('level', next.level);
    setParams(query, { replace: true });
  }

  const columns = [
    { lane: 'raised', title: 'Raised', empty: 'No problem waiting for a responder.' },
    { lane: 'swarming', title: 'Swarming', empty: 'Nobody is swarming right now.' },
    { lane: 'contained', title: 'Contained', empty: 'Nothing contained and waiting for a fix.' },
    { lane: 'resolved', title: `Resolved in the last ${RESOLVED_WINDOW_HOURS} hours`, empty: `Nothing resolved in the last ${RESOLVED_WINDOW_HOURS} hours.` },
  ] as const;

  return (
    <div className="board-page">
      <div className="board-page__head">
        <h1 tabIndex={-1}>Board</h1>
        <ConnectionIndicator status={live.status} />
      </div>
      <div className="board-toolbar">
        <BoardFilterBar filters={filters} areas={areas} onChange={setFilters} />
      </div>
      {live.error != null && (
        <p role="alert" className="alert alert--error">
          Could not load the board: {describeError(live.error)} Retrying…
        </p>
      )}
      {!live.loaded && live.error == null && (
        <p role="status" className="muted">
          Loading the board…
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="board" aria-busy={!live.loaded}>
        {columns.map((c) => (
          <BoardColumn
            key={c.lane}
            lane={c.lane}
            title={c.title}
            problems={lanes[c.lane]}
            areas={areas}
            fresh={fresh}
            now={now}
            emptyText={live.loaded ? c.empty : 'Loading…'}
          />
        ))}
      </div>
    </div>
  );
}
