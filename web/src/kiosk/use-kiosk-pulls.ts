// A kiosk's pulls go through the same durable queue as the pull page's: kept on the device with
// their idempotency key until Andon answers, so a double tap or a retry is one problem.
import { useCallback, useState } from 'react';
import type { KioskPull, KioskPullBody } from '../../../shared/pull-links.ts';
import { kioskPullsPath } from '../api/endpoints.ts';
import { PULL_QUEUE_STORAGE_KEY, PullQueue, type PullOutcome } from '../pulls/pull-queue.ts';
import { pullStorage } from '../pulls/pull-storage.ts';
import { usePullQueue } from '../pulls/use-pull-queue.ts';

export type KioskOutcome = PullOutcome<KioskPullBody, KioskPull>;

export function useKioskPulls(code: string, onRefused: (outcome: Extract<KioskOutcome, { kind: 'refused' }>) => void) {
  // One queue per link: a pull waiting on a shared tablet goes out through the link it was made on.
  const [queue] = useState(() => new PullQueue<KioskPullBody, KioskPull>({
    storage: pullStorage(), storageKey: `${PULL_QUEUE_STORAGE_KEY}:link:${code}`, endpoint: kioskPullsPath(code),
  }));
  const [answers, setAnswers] = useState<Record<string, KioskPull>>({});
  const waiting = usePullQueue(queue, (outcome) => {
    if (outcome.kind === 'sent') setAnswers((known) => ({ ...known, [outcome.key]: outcome.problem }));
    if (outcome.kind === 'refused') onRefused(outcome);
  });
  const pull = useCallback(async (body: KioskPullBody) => {
    const queued = queue.enqueue(body);
    await queue.send(queued.key);
    return queued.key;
  }, [queue]);
  return { pull, answers, waiting, retryNow: () => void queue.flush({ force: true }) };
}
