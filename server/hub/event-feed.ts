import type { EventSource, FramedEvent } from './event-source.ts';

export const FEED_PAGE_SIZE = 1_000;
/** Recent events kept in memory, so a client resuming from a moment ago is served without a query. */
export const FEED_RECENT_MAX = 4_096;
export const FEED_POLL_MS_DEFAULT = 1_000;

export interface FeedOptions {
  /** Safety net for a missed wake-up (a dropped LISTEN connection): read the table this often anyway. */
  pollMs?: number;
  /** How many recent events to keep in memory (FEED_RECENT_MAX unless a test wants resumes to read the table). */
  recentEvents?: number;
  logError?: (error: unknown, message: string) => void;
}

/**
 * Follows the events table in seq order and hands each event on exactly once, in order, to
 * `deliver`. Seqs are gap-free and commit in order, so "everything after the last one handed on"
 * is all there is to read: every instance hands on the same events, in the same order.
 * Events this instance committed are offered straight from the commit (no query when they come
 * in order); anything else is read from the table when woken (NOTIFY) or by the poll.
 */
export function createEventFeed(source: EventSource, options: FeedOptions = {}) {
  const recentMax = options.recentEvents ?? FEED_RECENT_MAX;
  let head = 0;
  const recent: FramedEvent[] = [];
  const listeners = new Set<(event: FramedEvent) => void>();
  let waiters: Array<{ seq: number; resolve: (reached: boolean) => void }> = [];
  let reading = false;
  let readAgain = false;
  let timer: NodeJS.Timeout | null = null;

  function accept(event: FramedEvent): boolean {
    if (event.seq !== head + 1) return false;
    head = event.seq;
    recent.push(event);
    if (recent.length > recentMax) recent.splice(0, recent.length - recentMax);
    for (const listener of listeners) listener(event);
    if (waiters.length > 0) {
      const [reached, waiting] = [waiters.filter((w) => w.seq <= head), waiters.filter((w) => w.seq > head)];
      waiters = waiting;
      for (const waiter of reached) waiter.resolve(true);
    }
    return true;
  }

  async function read(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const rows = await source.after(head, FEED_PAGE_SIZE);
        for (const row of rows) if (row.seq > head && !accept(row)) break;
        if (rows.length === FEED_PAGE_SIZE) readAgain = true;
      } while (readAgain);
    } catch (error) {
      options.logError?.(error, 'live: reading new events failed');
    } finally {
      reading = false;
    }
  }

  return {
    /** The seq of the last event handed on. */
    get head(): number {
      return head;
    },

    /** Starts at the newest committed event: what came before is for resuming clients to read. */
    async start(): Promise<void> {
      head = await source.newest();
      timer = setInterval(() => void read(), options.pollMs ?? FEED_POLL_MS_DEFAULT);
      timer.unref();
    },

    /** An event this instance just committed. */
    offer(event: FramedEvent): void {
      if (event.seq > head && !accept(event)) void read();
    },

    /** Something was committed somewhere: read what is new. */
    wake(): void {
      void read();
    },

    subscribe(listener: (event: FramedEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /**
     * The kept events after `afterSeq`, or null when some of them are no longer kept in memory
     * (the caller reads those from the table).
     */
    recentAfter(afterSeq: number): FramedEvent[] | null {
      if (afterSeq >= head) return [];
      const oldest = recent.length > 0 ? recent[0].seq : head + 1;
      if (afterSeq < oldest - 1) return null;
      return recent.slice(afterSeq - oldest + 1);
    },

    /** Resolves true once the feed has handed on `seq`, or false after `timeoutMs`. */
    reached(seq: number, timeoutMs: number): Promise<boolean> {
      if (seq <= head) return Promise.resolve(true);
      void read();
      return new Promise((resolve) => {
        const waiter = { seq, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs).unref();
      });
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
      for (const waiter of waiters) waiter.resolve(false);
      waiters = [];
    },
  };
}

export type EventFeed = ReturnType<typeof createEventFeed>;
