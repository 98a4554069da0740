// SQLite group commit, now against before: pooled figures per server, and the ratio of each adjacent
// pair of windows. The verdict is on the median pair ratio, which one disturbed pair cannot move; the
// range of pair ratios is the noise to read it against.
import type { GroupCommitSide, GroupCommitWindow } from '../phases/group-commit.ts';
import { int, ms, table, x2 } from './report-format.ts';
import { SERVER_LABELS } from './servers.ts';
import { ratio, summarize, type Summary } from './stats.ts';
import { TARGETS, verdict, type Verdict } from './targets.ts';

export interface GroupCommitSideSummary {
  server: string;
  windows: number;
  /** 2xx answers over all of this server's windows, per second of window. */
  requestsPerSec: number;
  latency: Summary;
  errors: number;
  firstError: string | null;
}

export interface GroupCommitSummary {
  beforeCommit: string;
  pairs: number;
  windowSeconds: number;
  now: GroupCommitSideSummary | null;
  before: GroupCommitSideSummary | null;
  /** now / before, pair by pair. */
  pairRatios: number[];
  medianRatio: number;
  pooledRatio: number;
  target: number;
  verdict: Verdict;
}

/** The middle value, or the mean of the middle two: with a handful of pairs, nearest rank would lean low. */
function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

const ok = (w: GroupCommitWindow) => Object.entries(w.statuses).filter(([s]) => s.startsWith('2')).reduce((s, [, v]) => s + v, 0);

function side(kind: GroupCommitSide, windows: GroupCommitWindow[]): GroupCommitSideSummary | null {
  const mine = windows.filter((w) => w.kind === kind);
  if (mine.length === 0) return null;
  const seconds = mine.reduce((s, w) => s + w.windowMs / 1000, 0);
  return {
    server: SERVER_LABELS[kind],
    windows: mine.length,
    requestsPerSec: mine.reduce((s, w) => s + ok(w), 0) / seconds,
    latency: summarize(mine.flatMap((w) => Array.from(w.latencies))),
    errors: mine.reduce((s, w) => s + w.errors, 0),
    firstError: mine.find((w) => w.firstError)?.firstError ?? null,
  };
}

export function summarizeGroupCommit(windows: GroupCommitWindow[], beforeCommit: string, windowSeconds: number): GroupCommitSummary {
  const pairs = [...new Set(windows.map((w) => w.pair))].sort((a, b) => a - b);
  const pairRatios = pairs.flatMap((p) => {
    const now = windows.find((w) => w.pair === p && w.kind === 'product');
    const before = windows.find((w) => w.pair === p && w.kind === 'before');
    return now && before ? [ratio(ok(now), ok(before))] : [];
  }).filter(Number.isFinite);
  const now = side('product', windows);
  const before = side('before', windows);
  const medianRatio = pairRatios.length ? middle(pairRatios) : NaN;
  return {
    beforeCommit, pairs: pairRatios.length, windowSeconds, now, before, pairRatios, medianRatio,
    pooledRatio: ratio(now?.requestsPerSec, before?.requestsPerSec),
    target: TARGETS.groupCommitNewOverOld, verdict: verdict(medianRatio, TARGETS.groupCommitNewOverOld, false),
  };
}

export function renderGroupCommit(s: GroupCommitSummary, connections: number): string {
  const out: string[] = [];
  out.push(`**SQLite group commit, now against before the async data layer** (commit ${s.beforeCommit}, from a git worktree made for this run): ` +
    `the durable-raise load (${connections} connections, closed loop) against each in turn, ${s.pairs} pair(s) of ${s.windowSeconds} s windows ` +
    `after 1 s of warm-up each (and one discarded window each before the first pair), both servers up throughout, alternating which goes first. Target: median pair ratio now / before ≥ ${s.target}×.`, '');
  const rows: string[][] = [];
  for (const x of [s.now, s.before]) {
    if (!x) continue;
    rows.push([x.server, int(x.requestsPerSec), ms(x.latency.p50), ms(x.latency.p99), ms(x.latency.max), String(x.errors), '', '']);
  }
  const sorted = [...s.pairRatios].sort((a, b) => a - b);
  const range = sorted.length ? `${x2(sorted[0])} – ${x2(sorted[sorted.length - 1])}` : '–';
  rows.push(['**ratio** now / before', `**${x2(s.medianRatio)}** median (${x2(s.pooledRatio)} pooled)`, '', '', '', '', `≥ ${s.target}×`, `**${s.verdict}**`]);
  out.push(table(['server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'target', 'verdict'], rows));
  out.push('', `Pair ratios, in order: ${s.pairRatios.map(x2).join(', ') || '–'} (range ${range}).`);
  for (const x of [s.now, s.before]) if (x?.firstError) out.push('', `First ${x.server} error: ${x.firstError}`);
  return out.join('\n');
}
