import type { Database } from '../db/client.ts';
import { eventFrame } from '../events/event-log.ts';
import { listEventsAfter, newestEventSeq } from '../events/store.ts';
import type { RoutedEvent } from './subscription.ts';

/** An event ready to send: its routing keys and the exact text of its `event` frame. */
export interface FramedEvent extends RoutedEvent {
  /** The event's name: the hub acts on `access.ended` itself instead of sending it. */
  readonly name: string;
  readonly frame: string;
}

/** Where the live feed and resuming clients read committed events from. */
export interface EventSource {
  /** The newest committed seq (0 when none was). */
  newest(): Promise<number>;
  /** Up to `limit` events after `afterSeq`, in seq order. */
  after(afterSeq: number, limit: number): Promise<FramedEvent[]>;
}

export function databaseEventSource(db: Database): EventSource {
  return {
    newest: () => newestEventSeq(db),
    after: async (afterSeq, limit) =>
      (await listEventsAfter(db, afterSeq, limit)).map((row) => ({
        seq: row.seq,
        name: row.name,
        areaSlug: row.areaSlug ?? '',
        previousAreaSlug: row.previousAreaSlug,
        problemNumber: row.problemNumber ?? 0,
        frame: eventFrame(row.seq, row.name, new Date(row.at).toISOString(), row.data),
      })),
  };
}
