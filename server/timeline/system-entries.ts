import { v7 as timeOrderedUuid } from 'uuid';
import type { ActorKind } from '../../shared/accounts.ts';
import type { TimelineKind } from '../../shared/timeline.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog, EventRouting } from '../events/event-log.ts';
import { presentTimelineEntry } from './presenter.ts';
import { insertTimelineEntry } from './store.ts';

export interface Actor {
  kind: ActorKind;
  id: string;
  name: string;
}

/**
 * Writes a timeline entry in the caller's transaction and tells live clients about it: one path for
 * what people write and what the timeline records by itself (joins, escalations, status changes…).
 */
export async function addTimelineEntry(
  tx: Tx,
  events: EventLog,
  problem: EventRouting,
  entry: { kind: TimelineKind; body: string; by: Actor | null; at: number },
  id: string = timeOrderedUuid(),
) {
  const row = {
    id, problemId: problem.problemId, kind: entry.kind, body: entry.body,
    authorKind: entry.by?.kind ?? null, authorId: entry.by?.id ?? null, authorName: entry.by?.name ?? null,
    createdAt: entry.at, editedAt: null, verdict: null, evidenceId: null,
  };
  await insertTimelineEntry(tx, row);
  const presented = presentTimelineEntry(row, problem.problemNumber);
  await events.record(tx, 'timeline.added', problem, presented, entry.at);
  return presented;
}
