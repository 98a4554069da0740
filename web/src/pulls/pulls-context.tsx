// Runs the pull queue for the whole signed-in app, so waiting pulls keep retrying on every page
// and the outcome of a pull made on the pull page is still there after visiting the board.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Problem, RaiseProblemBody } from '../../../shared/problems.ts';
import { useUser } from '../session/session-context.tsx';
import { PULL_QUEUE_STORAGE_KEY, PullQueue, type PullOutcome, type QueuedPull, type Refusal } from './pull-queue.ts';
import { pullStorage } from './pull-storage.ts';
import { usePullQueue } from './use-pull-queue.ts';

export interface RecentPull {
  key: string;
  title: string;
  problem: Problem;
}

interface PullsApi {
  waiting: QueuedPull[];
  recent: RecentPull[];
  /** A refusal that happened on a background retry, so the person hears about it. */
  lateRefusal: { title: string; refusal: Refusal } | null;
  pull: (body: RaiseProblemBody) => Promise<PullOutcome>;
  retryNow: () => void;
  noteUpdate: (problem: Problem) => void;
  dismissLateRefusal: () => void;
}

const RECENT_MAX = 5;
const PullsContext = createContext<PullsApi | null>(null);

function createQueue(userId: string): PullQueue {
  return new PullQueue({ storage: pullStorage(), storageKey: `${PULL_QUEUE_STORAGE_KEY}:${userId}` });
}

export function PullsProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const [queue] = useState(() => createQueue(user.id));
  const [recent, setRecent] = useState<RecentPull[]>([]);
  const [lateRefusal, setLateRefusal] = useState<PullsApi['lateRefusal']>(null);
  const foreground = useRef(new Set<string>());
  const waiting = usePullQueue(queue, (outcome) => {
    if (outcome.kind === 'sent') {
      setRecent((list) => [
        { key: outcome.key, title: outcome.body.title, problem: outcome.problem },
        ...list.filter((r) => r.key !== outcome.key),
      ].slice(0, RECENT_MAX));
    }
    if (outcome.kind === 'refused' && !foreground.current.has(outcome.key)) {
      setLateRefusal({ title: outcome.body.title, refusal: outcome.refusal });
    }
  });

  const pull = useCallback(
    async (body: RaiseProblemBody) => {
      const queued = queue.enqueue(body);
      foreground.current.add(queued.key);
      try {
        return await queue.send(queued.key);
      } finally {
        foreground.current.delete(queued.key);
      }
    },
    [queue],
  );

  const noteUpdate = useCallback((problem: Problem) => {
    setRecent((list) =>
      list.some((r) => r.problem.number === problem.number)
        ? list.map((r) => (r.problem.number === problem.number ? { ...r, problem } : r))
        : list,
    );
  }, []);

  const api = useMemo<PullsApi>(
    () => ({
      waiting,
      recent,
      lateRefusal,
      pull,
      retryNow: () => void queue.flush({ force: true }),
      noteUpdate,
      dismissLateRefusal: () => setLateRefusal(null),
    }),
    [waiting, recent, lateRefusal, pull, queue, noteUpdate],
  );
  return <PullsContext.Provider value={api}>{children}</PullsContext.Provider>;
}

export function usePulls(): PullsApi {
  const value = useContext(PullsContext);
  if (!value) throw new Error('usePulls needs a PullsProvider');
  return value;
}
