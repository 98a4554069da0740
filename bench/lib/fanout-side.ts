// One side of a fan-out comparison: the pooled rounds of one server (or setup) at one N.
import type { FanoutCell } from '../phases/fanout.ts';
import { mean, ms } from './report-format.ts';
import { SERVER_LABELS } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

export interface FanoutSide {
  server: string;
  rounds: number;
  ratePerSec: number;
  windowSeconds: number;
  /** Set when latency kept growing over the window: the server (or machine) could not keep up at this rate. */
  saturated: string | null;
  unavailable: string | null;
  pulls: number;
  lost: number;
  lastClient: Summary;
  firstClient: Summary;
  httpResponse: Summary;
  httpErrors: number;
  firstHttpError: string | null;
  closedEarly: number;
  frameBytes: number;
  connectSeconds: number;
}

/** Median latency of the first and the last quarter of a window's pulls: a backlog shows as growth. */
export function backlogGrowth(lastClientMs: Array<number | null>): { first: number; last: number } {
  const q = Math.max(1, Math.floor(lastClientMs.length / 4));
  const med = (xs: Array<number | null>) => summarize(xs.map((x) => x ?? Infinity)).p50;
  return { first: med(lastClientMs.slice(0, q)), last: med(lastClientMs.slice(-q)) };
}

function saturation(cells: FanoutCell[]): string | null {
  for (const c of cells) {
    const { first, last } = backlogGrowth(c.lastClientMs);
    if (last > 2 * first && last - first > 100) {
      return `latency grew from ${ms(first)} to ${ms(last)} ms over round ${c.round + 1}'s window: a backlog, not a steady state`;
    }
  }
  return null;
}

export function fanoutSide(cells: FanoutCell[], label = cells[0] ? SERVER_LABELS[cells[0].kind] : ''): FanoutSide | null {
  if (cells.length === 0) return null;
  const measured = cells.filter((c) => !c.unavailable);
  const last = measured.flatMap((c) => c.lastClientMs);
  return {
    server: label,
    rounds: measured.length,
    ratePerSec: cells[0].rate,
    windowSeconds: measured.length ? measured[0].lastClientMs.length / measured[0].rate : NaN,
    saturated: saturation(measured),
    unavailable: measured.length ? null : cells[0].unavailable,
    pulls: last.length,
    lost: last.filter((x) => x === null).length,
    lastClient: summarize(last.filter((x): x is number => x !== null)),
    firstClient: summarize(measured.flatMap((c) => c.firstClientMs).filter((x): x is number => x !== null)),
    httpResponse: summarize(measured.flatMap((c) => c.responseMs)),
    httpErrors: measured.reduce((s, c) => s + c.httpErrors, 0),
    firstHttpError: measured.find((c) => c.firstHttpError)?.firstHttpError ?? null,
    closedEarly: measured.reduce((s, c) => s + c.closedEarly, 0),
    frameBytes: mean(measured.map((c) => c.frameBytesMean).filter(Number.isFinite)),
    connectSeconds: mean(measured.map((c) => c.connectMs / 1000)),
  };
}

