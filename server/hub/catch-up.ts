import { ACCESS_ENDED } from '../../shared/live.ts';
import { TEXT, type CatchUp, type Connection } from './connection.ts';
import type { EventFeed } from './event-feed.ts';
import type { EventSource, FramedEvent } from './event-source.ts';
import { follows } from './subscription.ts';

export const RESUME_PAGE_SIZE = 500;
/** While catching up, stop writing above this and wait until the kernel has taken what is queued. */
export const CATCH_UP_HIGH_WATER_BYTES = 256 * 1024;

export interface CatchUpOutcome {
  /** The connection has every event the feed has handed on; it must join the live set in this very tick. */
  caughtUp(connection: Connection): void;
  /** Events the connection still needed were pruned while it was reading. */
  lostCursor(connection: Connection): void;
  /** Reading stored events failed: the connection cannot be served now (it will reconnect and resume). */
  failed(connection: Connection, error: unknown): void;
}

/**
 * Sends a resuming client every event after its cursor, then hands it to live.
 *
 * No gap and no duplicate without locks: older events come from the table page by page; once the
 * client is within the feed's in-memory window, the rest comes from that window, and the client
 * joins the live set in the same tick as it sent the window's last event, before the feed can hand
 * on another. `lastSentSeq` skips anything it already has (a table page may run ahead of the feed).
 */
export function createCatchUp(source: EventSource, feed: EventFeed, outcome: CatchUpOutcome) {
  const current = (connection: Connection, job: CatchUp) => connection.catchUp === job && connection.isOpen;

  /** Sends what the client follows; answers false if it had to stop to let the socket drain first. */
  function sendWhileRoom(connection: Connection, events: readonly FramedEvent[], drained: () => void): boolean {
    const socket = connection.socket;
    for (const event of events) {
      if (event.seq <= connection.lastSentSeq) continue;
      connection.lastSentSeq = event.seq;
      if (event.name === ACCESS_ENDED || !follows(connection.subscription, event)) continue;
      if (socket.bufferedAmount < CATCH_UP_HIGH_WATER_BYTES) {
        socket.send(event.frame, TEXT);
        continue;
      }
      // Backpressure: carry on once this frame (and all before it) has left user space.
      socket.send(event.frame, TEXT, drained);
      return false;
    }
    return true;
  }

  async function run(connection: Connection, job: CatchUp): Promise<void> {
    for (;;) {
      if (!current(connection, job)) return;
      let drained!: () => void;
      const wait = new Promise<void>((resolve) => (drained = resolve));
      const recent = feed.recentAfter(connection.lastSentSeq);
      if (recent !== null) {
        if (sendWhileRoom(connection, recent, drained)) {
          outcome.caughtUp(connection);
          return;
        }
        await wait;
        continue;
      }
      let rows: FramedEvent[];
      try {
        rows = await source.after(connection.lastSentSeq, RESUME_PAGE_SIZE);
      } catch (error) {
        if (current(connection, job)) outcome.failed(connection, error);
        return;
      }
      if (!current(connection, job)) return;
      if (rows.length === 0 || rows[0].seq !== connection.lastSentSeq + 1) {
        outcome.lostCursor(connection);
        return;
      }
      if (!sendWhileRoom(connection, rows, drained)) await wait;
      // A full page is out: let other clients and requests run before the next one.
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    /** Starts (or restarts) catching `connection` up from `since`, which is at most the feed's head. */
    start(connection: Connection, since: number): CatchUp {
      const job: CatchUp = {};
      connection.lastSentSeq = since;
      connection.streamStart = since;
      connection.catchUp = job;
      void run(connection, job);
      return job;
    },
  };
}
