import type { EventName } from '../../shared/live.ts';
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
  return {
    /** `previousArea` is the area a problem was moved out of by this change, if it was. */
    async record(tx: Tx, name: EventName, problem: Problem, at: number, previousArea: string | null = null): Promise<void> {
      const iso = new Date(at).toISOString();
      const dataJson = JSON.stringify(problem);
      const seq = await insertEvent(tx, {
        name, problemId: problem.id, problemNumber: problem.number, areaSlug: problem.area, previousAreaSlug: previousArea, at, data: dataJson,
      });
      await notifyEventsCommitted(tx);
      tx.afterCommit(() => {
        const event: CommittedEvent = {
          seq, name, at: iso, areaSlug: problem.area, previousAreaSlug: previousArea, problemNumber: problem.number,
          frame: eventFrame(seq, name, iso, dataJson),
        };
        for (const listener of listeners) listener(event);
      });
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;
