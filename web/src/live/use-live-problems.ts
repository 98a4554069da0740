// Live state for a page: an HTTP snapshot plus the websocket events after it, merged so that nothing
// that happens while loading or while disconnected is missed. The merging rules are LiveProblemMerge;
// this hook runs the requests and timers around it.
import { startTransition, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LiveEvent, ProblemEvent } from '../../../shared/live.ts';
import { isProblemEvent } from '../../../shared/values/live.ts';
import type { Problem } from '../../../shared/problems.ts';
import { ApiError } from '../api/http.ts';
import type { LiveStatus, LiveSubscription } from './live-connection.ts';
import { LiveProblemMerge } from './live-problem-merge.ts';
import type { Applied, ProblemMap } from './problem-map.ts';
import { useLiveConnection } from './use-live-connection.ts';

/** What a page loads over HTTP; `seq`, when the answer says it, is the event seq it was read at. */
export interface LiveSnapshot {
  problems: Problem[];
  seq?: number;
}

export interface LiveProblemsOptions {
  load: (signal: AbortSignal) => Promise<LiveSnapshot>;
  /**
   * Load the snapshot at once and only then open the live connection, resuming after the snapshot's
   * seq: the page draws its problems once, rather than again after the connection's welcome.
   */
  resumeFromSnapshot?: boolean;
  subscription?: LiveSubscription;
  /** Called for each event that changed something: highlights, sounds, notifications. */
  onChange?: (event: ProblemEvent, applied: Applied) => void;
  /** Timeline and presence events on the same connection, for the problem page. */
  onOtherEvent?: (event: LiveEvent) => void;
  /** The snapshot is being (re)loaded: after a welcome or a reset. Whatever else the page loads should reload too. */
  onResync?: () => void;
}

export interface LiveProblems {
  state: ProblemMap;
  status: LiveStatus;
  loaded: boolean;
  error: unknown;
  reload: () => void;
  /** Put a problem we got over HTTP (e.g. from our own PATCH) into the map straight away. */
  put: (problem: Problem) => void;
}

// If the socket has not said welcome by then, load anyway so the page is never blank for long.
const WELCOME_WAIT_MS = 1_500;
const RETRY_LOAD_MS = 5_000;
// A request can hang rather than fail when the network drops mid-load; give up and retry instead.
const LOAD_TIMEOUT_MS = 30_000;

export function useLiveProblems(options: LiveProblemsOptions): LiveProblems {
  const optionsRef = useRef(options);
  // Updated after each commit, before effects run: React asks that refs are not written while rendering.
  useLayoutEffect(() => {
    optionsRef.current = options;
  });
  const [merge] = useState(() => new LiveProblemMerge(() => optionsRef.current.subscription));
  const [state, setState] = useState<ProblemMap>(merge.state);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Set once the connection exists (below); the first snapshot with a seq opens a deferred connection.
  const startLiveFrom = useRef<(since: number | undefined) => void>(() => undefined);

  const load = useCallback(
    // Named, so that the retry below can call it again.
    function load(afterWelcome: boolean) {
      controllerRef.current?.abort();
      if (retryTimer.current) clearTimeout(retryTimer.current);
      const ticket = merge.startLoad({ afterWelcome });
      optionsRef.current.onResync?.();
      const controller = new AbortController();
      controllerRef.current = controller;
      let timedOut = false;
      const timeout = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, LOAD_TIMEOUT_MS);
      optionsRef.current.load(controller.signal).finally(() => clearTimeout(timeout)).then(
        (snapshot) => {
          if (!merge.loaded(ticket, snapshot.problems)) return;
          controllerRef.current = null;
          startLiveFrom.current(snapshot.seq);
          // A snapshot can be hundreds of cards: drawn as a transition, React draws them in slices
          // between which the page still answers a tap, rather than in one long task.
          startTransition(() => {
            setState(merge.state);
            setLoaded(true);
            setError(null);
          });
        },
        (failure: unknown) => {
          // Aborted because the page went away: nobody is left to tell.
          if (controller.signal.aborted && !timedOut) return;
          if (!merge.failed(ticket)) return;
          setError(failure);
          // A refusal (404: no such problem) will not change by asking again.
          const refused = failure instanceof ApiError && failure.status < 500 && failure.status !== 408 && failure.status !== 429;
          if (!refused) retryTimer.current = setTimeout(() => load(false), RETRY_LOAD_MS);
        },
      );
    },
    [merge],
  );

  const resumeFromSnapshot = options.resumeFromSnapshot ?? false;
  const connection = useLiveConnection(
    {
      onWelcome: (info) => {
        if (merge.welcome(info)) load(true);
      },
      onEvent: (event) => {
        if (!isProblemEvent(event)) {
          optionsRef.current.onOtherEvent?.(event);
          return;
        }
        const applied = merge.event(event);
        setState(merge.state);
        if (applied.changed) optionsRef.current.onChange?.(event, applied);
      },
      onReset: (seq) => {
        merge.reset(seq);
        setState(merge.state);
        load(true);
      },
    },
    options.subscription,
    resumeFromSnapshot,
  );
  const { status, startFrom } = connection;
  useLayoutEffect(() => {
    startLiveFrom.current = startFrom;
  }, [startFrom]);

  useEffect(() => {
    if (resumeFromSnapshot) load(false);
    const fallback = setTimeout(() => {
      if (!merge.loadStarted) load(false);
    }, WELCOME_WAIT_MS);
    return () => {
      clearTimeout(fallback);
      controllerRef.current?.abort();
      if (retryTimer.current) clearTimeout(retryTimer.current);
    };
  }, [merge, load, resumeFromSnapshot]);

  const put = useCallback(
    (problem: Problem) => {
      if (merge.put(problem)) setState(merge.state);
    },
    [merge],
  );

  return { state, status, loaded, error, reload: () => load(false), put };
}
