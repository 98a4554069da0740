// Turns the measured cells into the summary (table, latest.json, README figures).
import type { FanoutCell } from '../phases/fanout.ts';
import type { RaiseCell } from '../phases/raises.ts';
import { SERVER_LABELS, type ServerKind } from './servers.ts';
import { ratio, summarize, type Summary } from './stats.ts';

export const TARGETS = { fanoutP99: 1.25, memoryPer1000: 1.2, raisesThroughput: 0.5 } as const;

export type Verdict = 'MET' | 'MISSED' | 'N/A';

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

export interface MemorySide {
  server: string;
  rounds: number;
  unavailable: string | null;
  rssBeforeKib: number;
  rssIdleKib: number;
  rssPer1000Kib: number;
  /** The same, round by round: the spread shows how noisy RSS is. */
  rssPer1000ByRoundKib: number[];
  heapUsedPer1000Kib: number | null;
  externalPer1000Kib: number | null;
  nativeHeapPer1000Kib: number | null;
  gcForced: boolean;
}

export interface RaiseSide {
  server: string;
  rounds: number;
  requestsPerSec: number;
  completed: number;
  latency: Summary;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  responseBytes: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

function verdict(value: number, target: number, atMost: boolean): Verdict {
  if (!Number.isFinite(value)) return 'N/A';
  return (atMost ? value <= target : value >= target) ? 'MET' : 'MISSED';
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

function fanoutSide(cells: FanoutCell[]): FanoutSide | null {
  if (cells.length === 0) return null;
  const measured = cells.filter((c) => !c.unavailable);
  const last = measured.flatMap((c) => c.lastClientMs);
  return {
    server: SERVER_LABELS[cells[0].kind],
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

function memorySide(cells: FanoutCell[]): MemorySide | null {
  if (cells.length === 0) return null;
  const measured = cells.filter((c) => c.memoryBefore && c.memoryIdle);
  const per1000 = (pick: (c: FanoutCell) => number | null) => {
    const values = measured.map((c) => {
      const v = pick(c);
      return v === null ? NaN : (v / c.memoryConnections) * 1000;
    });
    return values.some((v) => !Number.isFinite(v)) ? null : mean(values);
  };
  return {
    server: SERVER_LABELS[cells[0].kind],
    rounds: measured.length,
    unavailable: measured.length ? null : cells[0].unavailable,
    rssBeforeKib: mean(measured.map((c) => c.memoryBefore!.rssKib)),
    rssIdleKib: mean(measured.map((c) => c.memoryIdle!.rssKib)),
    rssPer1000Kib: per1000((c) => c.memoryIdle!.rssKib - c.memoryBefore!.rssKib) ?? NaN,
    rssPer1000ByRoundKib: measured.map((c) => ((c.memoryIdle!.rssKib - c.memoryBefore!.rssKib) / c.memoryConnections) * 1000),
    heapUsedPer1000Kib: per1000((c) => (c.memoryIdle!.heapUsedKib === null ? null : c.memoryIdle!.heapUsedKib - c.memoryBefore!.heapUsedKib!)),
    externalPer1000Kib: per1000((c) => (c.memoryIdle!.externalKib === null ? null : c.memoryIdle!.externalKib - c.memoryBefore!.externalKib!)),
    nativeHeapPer1000Kib: per1000((c) => (c.memoryIdle!.nativeHeapKib === null ? null : c.memoryIdle!.nativeHeapKib - c.memoryBefore!.nativeHeapKib!)),
    gcForced: measured.length > 0 && measured.every((c) => c.gcForced),
  };
}

function raiseSide(cells: RaiseCell[]): RaiseSide | null {
  if (cells.length === 0) return null;
  const all = new Float64Array(cells.reduce((s, c) => s + c.latencies.length, 0));
  let offset = 0;
  const statuses: Record<string, number> = {};
  for (const c of cells) {
    all.set(c.latencies, offset);
    offset += c.latencies.length;
    for (const [k, v] of Object.entries(c.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  }
  const ok = (c: RaiseCell) => Object.entries(c.statuses).filter(([s]) => s.startsWith('2')).reduce((s, [, v]) => s + v, 0);
  return {
    server: SERVER_LABELS[cells[0].kind],
    rounds: cells.length,
    // Successful (2xx) answers per second of measured window, averaged over rounds.
    requestsPerSec: mean(cells.map((c) => ok(c) / (c.windowMs / 1000))),
    completed: cells.reduce((s, c) => s + c.completed, 0),
    latency: summarize(all),
    statuses,
    errors: cells.reduce((s, c) => s + c.errors, 0),
    firstError: cells.find((c) => c.firstError)?.firstError ?? null,
    responseBytes: mean(cells.map((c) => c.responseBytesMean)),
  };
}

export function summarizeFanout(cells: FanoutCell[], sizes: number[], skipped: Map<number, string>) {
  const byKind = (n: number, kind: ServerKind) => cells.filter((c) => c.n === n && c.kind === kind);
  const fanout = sizes.map((n) => {
    const product = fanoutSide(byKind(n, 'product'));
    const bare = fanoutSide(byKind(n, 'bare'));
    // Lost events count as missing the target: p99 is only meaningful when every event arrived.
    const complete = product && bare && !product.unavailable && !bare.unavailable && product.lost === 0 && bare.lost === 0;
    const r = complete ? ratio(product.lastClient.p99, bare.lastClient.p99) : NaN;
    let v = verdict(r, TARGETS.fanoutP99, true);
    if (product && !product.unavailable && product.lost > 0) v = 'MISSED';
    // A ratio of two growing backlogs says nothing about the target.
    if (product?.saturated || bare?.saturated) v = 'N/A';
    return { n, skipped: skipped.get(n) ?? null, product, bare, ratioP99: r, ratioP50: complete ? ratio(product.lastClient.p50, bare.lastClient.p50) : NaN, target: TARGETS.fanoutP99, verdict: v };
  });
  const memory = sizes.map((n) => {
    const product = memorySide(byKind(n, 'product'));
    const bare = memorySide(byKind(n, 'bare'));
    // RSS that did not grow (or shrank) while connections were added says only that the growth was lost in noise.
    const grew = product && bare && product.rssPer1000Kib > 0 && bare.rssPer1000Kib > 0;
    const r = grew ? ratio(product.rssPer1000Kib, bare.rssPer1000Kib) : NaN;
    return { n, skipped: skipped.get(n) ?? null, product, bare, ratio: r, target: TARGETS.memoryPer1000, verdict: verdict(r, TARGETS.memoryPer1000, true) };
  });
  return { fanout, memory };
}

export function summarizeRaises(cells: RaiseCell[]) {
  const product = raiseSide(cells.filter((c) => c.kind === 'product'));
  const hello = raiseSide(cells.filter((c) => c.kind === 'hello'));
  const r = product && hello ? ratio(product.requestsPerSec, hello.requestsPerSec) : NaN;
  return { product, hello, ratio: r, target: TARGETS.raisesThroughput, verdict: verdict(r, TARGETS.raisesThroughput, false) };
}

export type FanoutSummary = ReturnType<typeof summarizeFanout>;
export type RaisesSummary = ReturnType<typeof summarizeRaises>;

// ---- text rendering -------------------------------------------------------------------------------

const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const x2 = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');

/** A Markdown table (also readable as plain text). */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export interface RunInfo {
  runId: string;
  startedAt: string;
  durationSeconds: number;
  quick: boolean;
  rounds: number;
  machine: string;
  clientProcs: number;
  raiseConnections: number;
  raiseSeconds: number;
  raiseProcs: number;
  productLogLevel: string;
  idempotencyKeys: boolean;
  commit: string;
}

export function renderText(info: RunInfo, fan: FanoutSummary | null, raises: RaisesSummary | null): string {
  const out: string[] = [];
  out.push(`Run ${info.runId}, ${info.startedAt}, ${info.durationSeconds.toFixed(0)} s${info.quick ? ' (BENCH_QUICK: smoke run, small N, short windows)' : ''}; ` +
    `${info.machine}; commit ${info.commit}; ${info.rounds} round(s) per comparison, alternating which server goes first; product LOG_LEVEL=${info.productLogLevel}.`);
  if (fan) {
    out.push('', `**Fan-out**: pull scheduled → event at the last of N clients, ms (open loop at the given load, per round; ` +
      `clients in ${info.clientProcs} process(es)). Target: Andon p99 ≤ ${TARGETS.fanoutP99}× bare ws p99.`, '');
    const rows: string[][] = [];
    for (const f of fan.fanout) {
      if (f.skipped) {
        rows.push([int(f.n), '', '–', 'skipped', '', '', '', '', '', '', '', 'N/A']);
        continue;
      }
      for (const side of [f.product, f.bare]) {
        if (!side) continue;
        if (side.unavailable) {
          rows.push([int(f.n), '', side.server, `not measured: ${side.unavailable}`, '', '', '', '', '', '', '', '']);
          continue;
        }
        rows.push([int(f.n), `${side.ratePerSec}/s × ${side.windowSeconds} s`, side.server, ms(side.lastClient.p50), ms(side.lastClient.p99), ms(side.lastClient.max), ms(side.firstClient.p50),
          ms(side.httpResponse.p99), `${side.pulls - side.lost}/${side.pulls}`, int(side.frameBytes), '', '']);
      }
      rows.push([int(f.n), '', '**ratio**', x2(f.ratioP50), `**${x2(f.ratioP99)}**`, '', '', '', '', '', `≤ ${TARGETS.fanoutP99}×`, `**${f.verdict}**`]);
    }
    out.push(table(['N', 'pulls', 'server', 'p50', 'p99', 'max', 'first client p50', 'HTTP p99', 'reached all', 'frame B', 'target', 'verdict'], rows));
    for (const f of fan.fanout) {
      if (f.skipped) out.push('', `N=${int(f.n)} skipped: ${f.skipped}.`);
      for (const side of [f.product, f.bare]) {
        if (side?.saturated) out.push('', `N=${int(f.n)}, ${side.server}: saturated at ${side.ratePerSec} pulls/s (${side.saturated}); verdict N/A.`);
      }
    }

    const gc = fan.memory.every((m) => [m.product, m.bare].every((side) => !side || side.unavailable || side.gcForced));
    out.push('', `**Memory**: server RSS (VmRSS) per 1,000 idle board connections, KiB${gc ? ', each reading after a forced full GC' : ' (GC could not be forced: readings after a pause only)'}. ` +
      `Growth from N/5 to N connections, per 1,000. Target: Andon ≤ ${TARGETS.memoryPer1000}× bare ws.`, '');
    const mrows: string[][] = [];
    for (const m of fan.memory) {
      if (m.skipped) continue;
      for (const side of [m.product, m.bare]) {
        if (!side) continue;
        if (side.unavailable) {
          mrows.push([int(m.n), side.server, 'not measured', '', '', '', '', '', '', '']);
          continue;
        }
        const opt = (x: number | null) => (x === null ? '–' : int(x));
        const rounds = side.rssPer1000ByRoundKib.length > 1 ? ` (${side.rssPer1000ByRoundKib.map(int).join(' / ')})` : '';
        mrows.push([int(m.n), side.server, int(side.rssBeforeKib), int(side.rssIdleKib), `${int(side.rssPer1000Kib)}${rounds}`,
          opt(side.heapUsedPer1000Kib), opt(side.nativeHeapPer1000Kib), opt(side.externalPer1000Kib), '', '']);
      }
      mrows.push([int(m.n), '**ratio**', '', '', `**${x2(m.ratio)}**`, '', '', '', `≤ ${TARGETS.memoryPer1000}×`, `**${m.verdict}**`]);
    }
    out.push(table(['N', 'server', 'RSS at N/5', 'RSS at N', 'RSS / 1,000 conns (by round)', 'V8 heap used / 1,000', 'malloc heap / 1,000', 'external / 1,000', 'target', 'verdict'], mrows));
  }
  if (raises) {
    out.push('', `**Durable raises**: closed loop, ${info.raiseConnections} keep-alive connections from ${info.raiseProcs} process(es), ${info.raiseSeconds} s per round` +
      `${info.idempotencyKeys ? ', each pull with its own Idempotency-Key' : ''}. Target: Andon ≥ ${TARGETS.raisesThroughput}× hello-world req/s.`, '');
    const rows: string[][] = [];
    for (const side of [raises.product, raises.hello]) {
      if (!side) continue;
      const other = Object.entries(side.statuses).filter(([s]) => !s.startsWith('2')).map(([s, c]) => `${c}×${s}`).join(' ');
      rows.push([side.server, int(side.requestsPerSec), ms(side.latency.p50), ms(side.latency.p99), ms(side.latency.max), int(side.completed),
        `${side.errors}${other ? ` (${other})` : ''}`, '', '']);
    }
    rows.push(['**ratio**', `**${x2(raises.ratio)}**`, '', '', '', '', '', `≥ ${TARGETS.raisesThroughput}×`, `**${raises.verdict}**`]);
    out.push(table(['server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'answers', 'errors', 'target', 'verdict'], rows));
    if (raises.product?.firstError) out.push('', `First Andon error: ${raises.product.firstError}`);
  }
  return out.join('\n');
}
