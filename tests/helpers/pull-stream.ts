import type { PullAnswer } from './held-pull.ts';

export interface StreamedPull extends PullAnswer {
  title: string;
  sentAt: number;
}

export interface PullStream {
  results: StreamedPull[];
  /** Resolves once this many pulls have been answered 201. */
  answered(count: number): Promise<void>;
  /** Resolves when every worker has met a refusal (so the server stopped taking pulls). */
  ended: Promise<void>;
}

/**
 * Keeps `workers` pulls outstanding at all times, each worker sending its next pull as soon as the last
 * is answered, until the server stops answering 201. A signal sent at any moment meets pulls at every
 * stage: on the wire, being parsed, in the handler, being answered.
 */
export function streamPulls(url: string, authorization: string, titlePrefix: string, workers: number): PullStream {
  const results: StreamedPull[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  let created = 0;
  let sequence = 0;

  async function worker(): Promise<void> {
    for (;;) {
      const title = `${titlePrefix} ${sequence++}`;
      const sentAt = Date.now();
      const answer = await fetch(`${url}/api/problems`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
        signal: AbortSignal.timeout(20_000),
      }).then(
        async (r): Promise<PullAnswer> => ({ status: r.status, body: r.status === 201 ? ((await r.json()) as PullAnswer['body']) : (await r.text(), null) }),
        (): PullAnswer => ({ status: 0, body: null }),
      );
      results.push({ title, sentAt, ...answer });
      if (answer.status !== 201) return;
      created++;
      for (const waiter of waiters.filter((w) => created >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  const ended = Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
  return {
    results,
    ended,
    answered: (count) =>
      created >= count ? Promise.resolve() : new Promise<void>((resolve, reject) => {
        waiters.push({ count, resolve });
        // A stream that ended early (the server refused pulls before any signal) must not hang the test.
        void ended.then(() => reject(new Error(`the stream ended after ${created} pulls: ${JSON.stringify(results.at(-1))}`)));
      }),
  };
}
