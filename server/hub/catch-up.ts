import { TEXT, type CatchUp, type Connection } from './connection.ts';
import type { EventSource, FramedEvent } from './event-source.ts';
import { follows } from './subscription.ts';

export const RESUME_PAGE_SIZE = 500;
/** While catching up, stop writing above this and wait until the kernel has taken what is queued. */
export const CATCH_UP_HIGH_WATER_BYTES = 256 * 1024;

export interface CatchUpOutcome {
  /** The connection has every stored event; it must join the live set in this very tick. */
  caughtUp(connection: Connection): void;
  /** Events the connection still needed were pruned while it was reading. */
  lostCursor(connection: Connection): void;
  /** Reading stored events failed: the connection cannot be served now (it will reconnect and resume). */
  failed(connection: Connection, error: unknown): void;
}

/**
 * Sends a resuming client every stored event after its cursor, page by page, then hands it to live.
 *
 * No gap and no duplicate without locks: better-sqlite3 reads are synchronous and after-commit hooks
 * run in the commit's own tick, so once a read returns a short page, every event committed so far is
 * in it, and any later one will be broadcast after this tick. Switching to live in the tick of that
 * read (having sent the page) leaves nothing in between; `lastSentSeq` guards against overlap.
 */
export function createCatchUp(source: EventSource, outcome: CatchUpOutcome) {
  function pump(connection: Connection, job: CatchUp): void {
    let readThisTick = false;
    for (;;) {
      if (connection.catchUp !== job || !connection.isOpen) return;
      const socket = connection.socket;
      while (job.next < job.rows.length) {
        const event = job.rows[job.next++];
        connection.lastSentSeq = event.seq;
        if (!follows(connection.subscription, event)) continue;
        if (socket.bufferedAmount < CATCH_UP_HIGH_WATER_BYTES) {
          socket.send(event.frame, TEXT);
          continue;
        }
        // Backpressure: carry on once this frame (and all before it) has left user space.
        socket.send(event.frame, TEXT, () => pump(connection, job));
        return;
      }
      if (readThisTick) {
        if (job.rows.length < RESUME_PAGE_SIZE) return outcome.caughtUp(connection);
        // A full page is out: let other clients and requests run before the next one.
        setImmediate(pump, connection, job);
        return;
      }
      let rows: FramedEvent[];
      try {
        rows = source.after(connection.lastSentSeq, RESUME_PAGE_SIZE);
      } catch (error) {
        return outcome.failed(connection, error);
      }
      if (rows.length > 0 && rows[0].seq !== connection.lastSentSeq + 1) return outcome.lostCursor(connection);
      job.rows = rows;
      job.next = 0;
      readThisTick = true;
    }
  }

  return {
    /** Starts (or restarts) catching `connection` up from `since`, which the caller checked is resumable. */
    start(connection: Connection, since: number): void {
      const job: CatchUp = { rows: [], next: 0 };
      connection.lastSentSeq = since;
      connection.streamStart = since;
      connection.catchUp = job;
      pump(connection, job);
    },
  };
}
