import { asc, gt } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { events } from '../db/schema.ts';

export interface StoredEvent {
  seq: number;
  name: string;
  at: number;
  areaSlug: string | null;
  previousAreaSlug: string | null;
  problemNumber: number | null;
  data: string;
}

/** Events after `afterSeq` in order, with what the hub routes on (area, problem number) alongside. */
export function listEventsForResume(orm: Orm, afterSeq: number, limit: number): StoredEvent[] {
  return orm
    .select({
      seq: events.seq,
      name: events.name,
      at: events.at,
      areaSlug: events.areaSlug,
      previousAreaSlug: events.previousAreaSlug,
      problemNumber: events.problemNumber,
      data: events.data,
    })
    .from(events)
    .where(gt(events.seq, afterSeq))
    .orderBy(asc(events.seq))
    .limit(limit)
    .all();
}
