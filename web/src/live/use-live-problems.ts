// Live state for a page: an HTTP snapshot plus the websocket events after it, merged so that nothing
// that happens while loading or while disconnected is missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/live.ts';
import type { Problem } from '../../../shared/problems.ts';
import { ApiError } from '../api/http.ts';
import type { LiveStatus, LiveSubscription } from './live-connection.ts';
import { applyEvent, applySnapshot, emptyProblemMap, restartAt, type Applied, type ProblemMap } from './problem-map.ts';
import { useLiveConnection } from './use-live-connection.ts';

export interface LiveProblemsOptions {
  load: (signal: AbortSignal) => Promise<Problem[]>;
  subscription?: LiveSubscription;
  /** Called for each event that changed something: highlights, sounds, notifications. */
  onChange?: (event: LiveEvent, applied: Applied) => void;
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
  const [state, setState] = useState<ProblemMap>(emptyProblemMap);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stateRef = useRef(state);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // Events that arrive while a snapshot is loading, to re-apply on top of it.
  const pendingRef = useRef<LiveEvent[] | null>(null);
  const loadRef = useRef<{ id: number; controller: AbortController | null; afterWelcome: boolean }>({ id: 0, controller: null, afterWelcome: false });
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadFailed = useRef(false);

  const commit = useCallback((next: ProblemMap) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const load = useCallback(
    (afterWelcome: boolean) => {
      const run = loadRef.current;
      run.controller?.abort();
      if (retryTimer.current) clearTimeout(retryTimer.current);
      const id = ++run.id;
      const controller = new AbortController();
      run.controller = controller;
      run.afterWelcome ||= afterWelcome;
      pendingRef.current = [];
      let timedOut = false;
      const timeout = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, LOAD_TIMEOUT_MS);
      optionsRef.current.load(controller.signal).finally(() => clearTimeout(timeout)).then(
        (problems) => {
          if (id !== run.id) return;
          commit(applySnapshot(stateRef.current, problems, pendingRef.current ?? []));
          pendingRef.current = null;
          run.controller = null;
          loadFailed.current = false;
          setLoaded(true);
          setError(null);
        },
        (failure: unknown) => {
          if (id !== run.id || (controller.signal.aborted && !timedOut)) return;
          pendingRef.current = null;
          loadFailed.current = true;
          setError(failure);
          // A refusal (404: no such problem) will not change by asking again.
          const refused = failure instanceof ApiError && failure.status < 500 && failure.status !== 408 && failure.status !== 429;
          if (!refused) retryTimer.current = setTimeout(() => load(false), RETRY_LOAD_MS);
        },
      );
    },
    [commit],
  );

  const status = useLiveConnection(
    {
      onWelcome: ({ resumed }) => {
        // The first welcome fixes the seq our snapshot must be at least as new as; a load started
        // before it could have missed an event, so load again unless one already ran after it.
        // A snapshot that failed (the network dropped mid-load) is retried as soon as we are back.
        if ((!resumed && !loadRef.current.afterWelcome) || loadFailed.current) load(true);
      },
      onEvent: (event) => {
        pendingRef.current?.push(event);
        const applied = applyEvent(stateRef.current, event);
        if (applied.state !== stateRef.current) commit(applied.state);
        if (applied.changed) optionsRef.current.onChange?.(event, applied);
      },
      onReset: (seq) => {
        commit(restartAt(stateRef.current, seq));
        load(true);
      },
    },
    options.subscription,
  );

  useEffect(() => {
    const fallback = setTimeout(() => {
      if (loadRef.current.id === 0) load(false);
    }, WELCOME_WAIT_MS);
    return () => {
      clearTimeout(fallback);
      loadRef.current.controller?.abort();
      if (retryTimer.current) clearTimeout(retryTimer.current);
    };
  }, [load]);

  const put = useCallback(
    (problem: Problem) => {
      const held = stateRef.current.byNumber.get(problem.number);
      if (held && Date.parse(held.updatedAt) > Date.parse(problem.updatedAt)) return;
      const byNumber = new Map(stateRef.current.byNumber);
      byNumber.set(problem.number, problem);
      commit({ seq: stateRef.current.seq, byNumber });
    },
    [commit],
  );

  return { state, status, loaded, error, reload: () => load(false), put };
}
