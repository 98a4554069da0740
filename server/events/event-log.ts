import { ACCESS_ENDED, type AccessEnded, type EventName } from '../../shared/live.ts';
import type { Problem } from '../../shared/problems.ts';
import type { Tx } from '../db/client.ts';
import { insertEvent, notifyEventsCommitted } from './store.ts';

/** An event as committed, with its wire frame serialized once for every recipient. */
export interface CommittedEvent {
  seq: number;
  name: EventName;
  at: string;
  areaSlug: string;
  previousAreaSlug: string | null;
  problemNumber: number;
  /** The JSON text of the `event` frame, exactly as clients receive it. */
  frame: string;
}

export type EventListener = (event: CommittedEvent) => void;

/** What the hub routes an event by: the problem it is about and the area it is in (or just left). */
export interface EventRouting {
  problemId: string;
  problemNumber: number;
  areaSlug: string;
  /** The area a problem was moved out of by this change, if it was. */
  previousAreaSlug?: string | null;
}

export function eventFrame(seq: number, name: string, at: string, dataJson: string): string {
  return `{"type":"event","seq":${seq},"name":${JSON.stringify(name)},"at":${JSON.stringify(at)},"data":${dataJson}}`;
}

/**
 * Writes events in the same transaction as the change they describe, and hands them to this
 * instance's listeners once that transaction commits (the quick path; other instances read them
 * from the table when PostgreSQL notifies them).
 */
export function createEventLog() {
  const listeners = new Set<EventListener>();

  async function append(tx: Tx, name: EventName, routing: EventRouting | null, data: unknown, at: number): Promise<number> {
    const iso = new Date(at).toISOString();
    const dataJson = JSON.stringify(data);
    const previousAreaSlug = routing?.previousAreaSlug ?? null;
    const seq = await insertEvent(tx, {
      name, problemId: routing?.problemId ?? null, problemNumber: routing?.problemNumber ?? null, areaSlug: routing?.areaSlug ?? null, previousAreaSlug, at, data: dataJson,
    });
    await notifyEventsCommitted(tx);
    tx.afterCommit(() => {
      // The same routing keys as an event read back from the table (see hub/event-source.ts).
      const event: CommittedEvent = {
        seq, name, at: iso, areaSlug: routing?.areaSlug ?? '', previousAreaSlug, problemNumber: routing?.problemNumber ?? 0,
        frame: eventFrame(seq, name, iso, dataJson),
      };
      for (const listener of listeners) listener(event);
    });
    return seq;
  }

  return {
    /**
     * Appends an event about a problem. `data` is what clients receive: keep it small (a timeline
     * entry carries the entry, not the whole problem).
     */
    record(tx: Tx, name: EventName, routing: EventRouting, data: unknown, at: number): Promise<number> {
      return append(tx, name, routing, data, at);
    },

    /** An event whose data is the whole problem, as it is after the change. */
    recordProblem(tx: Tx, name: EventName, problem: Problem, at: number, previousArea: string | null = null): Promise<number> {
      const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: problem.area, previousAreaSlug: previousArea };
      return this.record(tx, name, routing, problem, at);
    },

    /** Sessions or tokens ended: about no problem, so no area follows it and no webhook sends it. */
    recordAccessEnded(tx: Tx, data: AccessEnded, at: number): Promise<number> {
      return append(tx, ACCESS_ENDED, null, data, at);
    },

    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
