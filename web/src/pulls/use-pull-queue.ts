// Keeps a pull queue moving while a page that holds it is open: retries when due, everything at
// once on load and when the browser is back online, and follows other tabs' changes to it.
import { useEffect, useEffectEvent, useState } from 'react';
import type { PullOutcome, PullQueue, QueuedPull } from './pull-queue.ts';

export function usePullQueue<Body extends { title?: string }, Answer extends { number: number }>(
  queue: PullQueue<Body, Answer>,
  onOutcome: (outcome: PullOutcome<Body, Answer>) => void,
): QueuedPull<Body>[] {
  const [waiting, setWaiting] = useState<QueuedPull<Body>[]>(() => queue.list());
  const handle = useEffectEvent(onOutcome);

  useEffect(() => {
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const scheduleRetry = () => {
      if (retryTimer) clearTimeout(retryTimer);
      const at = queue.nextAttemptAt();
      if (at !== null) retryTimer = setTimeout(() => void queue.flush(), Math.max(0, at - Date.now()));
    };
    const unsubscribe = queue.subscribe((outcome) => {
      setWaiting(queue.list());
      scheduleRetry();
      if (outcome) handle(outcome);
    });
    const flushAll = () => void queue.flush({ force: true });
    const otherTab = (event: StorageEvent) => {
      if (event.key === queue.storageKey) queue.notifyExternalChange();
    };
    window.addEventListener('online', flushAll);
    window.addEventListener('storage', otherTab);
    // Pulls left over from an earlier visit (a reload, a crash, a closed laptop) go out at once.
    flushAll();
    return () => {
      unsubscribe();
      window.removeEventListener('online', flushAll);
      window.removeEventListener('storage', otherTab);
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, [queue]);

  return waiting;
}
