import type { Reads } from '../../db/client.ts';
import { addDay, noDays, type DaysFigures } from '../day-figures.ts';
import { countDays, countPulls, DAY_MS, type DismissWording, type Period, type PullRow, type Range } from '../store.ts';
import { readAll } from '../reads-in-turn.ts';
import { decodeDay } from './codec.ts';
import { readRolledUpDays } from './store.ts';

// The problems' figures of a period, from the rollup where it can answer exactly: whole UTC days in
// the period, not marked as changed since they were rolled up, with no target still to pass. The
// rest (the partial days at the period's edges, marked days, days whose problems may still turn
// into "not reached" as time passes) are counted from the problems, with the same statement the
// rollup job uses. Pulls are counted by week from the period's start, so a day that a week begins
// in the middle of has its pulls counted from the problems too.

export interface ProblemFigures {
  pulls: PullRow[];
  areas: Map<string, DaysFigures>;
}

/** Adjacent ranges as one, so that the problems are read in as few ranges as can be. */
function merged(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else out.push({ ...range });
  }
  return out;
}

/** Whether a week of the period starts inside the day (not at its first millisecond). */
function weekStartsWithin(day: number, period: Period, weekMs: number): boolean {
  const next = period.from + Math.ceil((day + 1 - period.from) / weekMs) * weekMs;
  return next < day + DAY_MS;
}

/** `inTurn`: see readAll. */
export async function readProblemFigures(reads: Reads, period: Period, now: number, wording: DismissWording, weekMs: number, inTurn: boolean): Promise<ProblemFigures> {
  const firstDay = Math.ceil(period.from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(period.to / DAY_MS) * DAY_MS;
  const live: Range[] = [];
  if (firstDay >= endDay) live.push({ from: period.from, to: period.to });
  else {
    if (period.from < firstDay) live.push({ from: period.from, to: firstDay });
    if (endDay < period.to) live.push({ from: endDay, to: period.to });
  }
  const rolled = firstDay < endDay ? await readRolledUpDays(reads, firstDay, endDay, period.areaId) : [];
  const figures = rolled.map((row) => ({ ...row, figures: row.figures === null ? null : decodeDay(row.figures) }));
  // A day read from the problems is read for every area of it.
  const liveDays = new Set(figures.filter((row) => row.figures === null || (row.figures.pendingDueMax ?? 0) > now).map((row) => row.day));
  for (const day of liveDays) live.push({ from: day, to: day + DAY_MS });

  const areas = new Map<string, DaysFigures>();
  const totalOf = (areaId: string) => {
    let total = areas.get(areaId);
    if (!total) areas.set(areaId, (total = noDays()));
    return total;
  };
  const pulls: PullRow[] = [];
  const livePulls = [...live];
  for (const row of figures) {
    if (row.figures === null || liveDays.has(row.day)) continue;
    addDay(totalOf(row.areaId), row.figures);
    if (weekStartsWithin(row.day, period, weekMs)) {
      livePulls.push({ from: row.day, to: row.day + DAY_MS });
      continue;
    }
    const week = Math.floor((row.day - period.from) / weekMs);
    for (const pull of row.figures.pulls) pulls.push({ areaId: row.areaId, week, ...pull });
  }

  const readDays = () => countDays(reads, merged(live), period.areaId, now, wording);
  const readPulls = () => countPulls(reads, merged(livePulls), period.areaId, period.from, weekMs);
  const [days, counted] = await readAll(inTurn, [readDays, readPulls] as const);
  for (const row of days) addDay(totalOf(row.areaId), row.figures);
  pulls.push(...counted);
  return { pulls, areas };
}
