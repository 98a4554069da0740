import type { Clock } from '../../clock.ts';
import type { Tx } from '../../db/client.ts';
import type { JobHandler, JobRunner } from '../../jobs/runner.ts';
import { DISMISS_WORDING } from '../../problems/status-change.ts';
import { countDays, DAY_MS } from '../store.ts';
import { encodeDay } from './codec.ts';
import { clearMarks, deleteRolledUpDays, listMarkedDays, writeRolledUpDays, type AreaDay } from './store.ts';

export const FLOW_ROLLUP_JOB = { kind: 'flow-rollup', key: 'flow-rollup' } as const;
/**
 * How often the marked days are rolled up. The report is exact either way (it reads a marked day
 * from its problems), so this only sets how many days a report reads that way.
 */
export const FLOW_ROLLUP_EVERY_MS = 10 * 60_000;
/**
 * Days per transaction: a SQLite write holds every other writer (the pulls) back while it runs, so a
 * run is kept short (ten days are a few thousand problems at 100,000 a year; see bench/README.md).
 */
export const FLOW_ROLLUP_DAYS_PER_RUN = 10;
/**
 * The pause before the next run while marked days are left (after an upgrade, a whole history):
 * the backfill takes turns with the pulls and searches instead of holding the writer and a core.
 */
export const FLOW_ROLLUP_PAUSE_MS = 1_000;
/** Past every due time: what a rolled-up day stores as not reached is every problem short of it. */
const NEVER = Number.MAX_SAFE_INTEGER;

const keyOf = (d: AreaDay) => `${d.areaId}:${d.day}`;

/** Recomputes up to `limit` marked days from their problems; answers how many there were. */
export async function rollUpMarkedDays(tx: Tx, limit = FLOW_ROLLUP_DAYS_PER_RUN): Promise<number> {
  const marked = await listMarkedDays(tx, limit);
  if (marked.length === 0) return 0;
  await clearMarks(tx, marked);
  const days = [...new Set(marked.map((d) => d.day))].sort((a, b) => a - b);
  const wanted = new Set(marked.map(keyOf));
  const rows = (await countDays(tx, days.map((day) => ({ from: day, to: day + DAY_MS })), null, NEVER, DISMISS_WORDING))
    .filter((row) => wanted.has(keyOf(row)));
  await writeRolledUpDays(tx, rows.map((row) => ({ areaId: row.areaId, day: row.day, figures: encodeDay(row.figures) })));
  const found = new Set(rows.map(keyOf));
  await deleteRolledUpDays(tx, marked.filter((d) => !found.has(keyOf(d))));
  return marked.length;
}

/**
 * One job for all instances, which reschedules itself: after a pause while marked days are left,
 * else after a while. Each run is its own job run (leased, committed with its work), so a backfill
 * is done once across instances and resumes after a crash from the marks still left.
 */
export function flowRollupJob(clock: Clock, runner: () => JobRunner): JobHandler {
  return async (tx: Tx) => {
    const more = (await rollUpMarkedDays(tx)) === FLOW_ROLLUP_DAYS_PER_RUN;
    const now = clock.now();
    await runner().schedule(tx, { ...FLOW_ROLLUP_JOB, payload: {}, dueAt: now + (more ? FLOW_ROLLUP_PAUSE_MS : FLOW_ROLLUP_EVERY_MS) });
  };
}

/** Makes sure the rollup job exists (the first instance to start adds it; the others find it). */
export function scheduleFlowRollup(tx: Tx, runner: JobRunner, clock: Clock): Promise<boolean> {
  return runner.schedule(tx, { ...FLOW_ROLLUP_JOB, payload: {}, dueAt: clock.now() });
}
