import type { Level } from '../../shared/problems.ts';
import { listResponders } from '../responders/store.ts';
import type { AreaRow } from '../areas/store.ts';
import type { Tx } from '../db/client.ts';
import type { EventLog } from '../events/event-log.ts';
import { addTimelineEntry } from '../timeline/system-entries.ts';
import { scheduleEscalation } from './job.ts';
import { insertEscalation, type EscalationRow } from './store.ts';

/** A Stop pull must be answered in half the time, as a stopped line costs more than a slow one. */
export function responseTargetMs(area: Pick<AreaRow, 'responseTargetMinutes'>, level: Level): number {
  const ms = area.responseTargetMinutes * 60_000;
  return level === 'stop' ? ms / 2 : ms;
}

/**
 * In the pull's transaction: alerts the area's responders (on the timeline), and starts the
 * countdown as a job due at `responseDueAt` (the pull's time plus its `responseTargetMs`, which the
 * problem row keeps a copy of), so it survives a restart like the pull itself.
 */
export async function startCountdown(
  tx: Tx,
  events: EventLog,
  problem: { id: string; number: number; areaSlug: string; responseDueAt: number },
  area: AreaRow,
  now: number,
): Promise<EscalationRow> {
  const { responseDueAt } = problem;
  const row: EscalationRow = { problemId: problem.id, responseDueAt, step: 0, round: 0, escalatedAt: null, nextAt: responseDueAt };
  await insertEscalation(tx, row);
  await scheduleEscalation(tx, { id: problem.id, number: problem.number }, responseDueAt, now, { replace: false });
  const responders = await listResponders(tx, area.id);
  if (responders.length > 0) {
    const routing = { problemId: problem.id, problemNumber: problem.number, areaSlug: problem.areaSlug };
    await addTimelineEntry(tx, events, routing, { kind: 'alerted', body: `Alerted the responders: ${names(responders)}`, by: null, at: now });
  }
  return row;
}

export const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');
