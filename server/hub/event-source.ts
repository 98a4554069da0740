import type { Database } from '../db/client.ts';
import { eventFrame } from '../events/event-log.ts';
import { eventBounds } from '../events/store.ts';
import { listEventsForResume } from './store.ts';
import type { RoutedEvent } from './subscription.ts';

/** An event ready to send: its routing keys and the exact text of its `event` frame. */
export interface FramedEvent extends RoutedEvent {
  readonly frame: string;
}

/** Where the hub reads past events from when a client resumes. Synchronous, like better-sqlite3. */
export interface EventSource {
  /** Oldest kept and newest written seq. */
  bounds(): { oldest: number; newest: number };
  /** Up to `limit` events after `afterSeq`, in seq order. */
  after(afterSeq: number, limit: number): FramedEvent[];
}

export function databaseEventSource(db: Database): EventSource {
  return {
    bounds: () => eventBounds(db.orm),
    after: (afterSeq, limit) =>
      listEventsForResume(db.orm, afterSeq, limit).map((row) => ({
        seq: row.seq,
        areaSlug: row.areaSlug ?? '',
        previousAreaSlug: row.previousAreaSlug,
        problemNumber: row.problemNumber ?? 0,
        frame: eventFrame(row.seq, row.name, new Date(row.at).toISOString(), row.data),
      })),
  };
}
