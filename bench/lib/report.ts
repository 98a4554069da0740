// Turns the measured cells into the summary (table, latest.json, README figures).
import type { FanoutCell } from '../phases/fanout.ts';
import { fanoutSide } from './fanout-side.ts';
import { renderCrossInstance, type CrossInstanceSummary } from './report-cross-instance.ts';
import { renderGroupCommit, type GroupCommitSummary } from './report-group-commit.ts';
import { int, mean, ms, table, x2 } from './report-format.ts';
import { renderRaises, type RaisesSummary } from './report-raises.ts';
import { SERVER_LABELS, type ServerKind } from './servers.ts';
import { ratio } from './stats.ts';
import { TARGETS, verdict } from './targets.ts';

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

export type FanoutSummary = ReturnType<typeof summarizeFanout>;

// ---- text rendering -------------------------------------------------------------------------------

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
  raiseOrder: ServerKind[];
  /** Version and durability settings of the PostgreSQL cluster, when one was started. */
  postgres: string | null;
  /** 1-minute load average while each phase ran, min–max. */
  machineLoad: string;
}

export interface Sections {
  fanout: FanoutSummary | null;
  crossInstance: CrossInstanceSummary | null;
  raises: RaisesSummary | null;
  groupCommit: GroupCommitSummary | null;
}

export function renderText(info: RunInfo, sections: Sections): string {
  const { fanout: fan, crossInstance: cross, raises, groupCommit } = sections;
  const out: string[] = [];
  out.push(`Run ${info.runId}, ${info.startedAt}, ${info.durationSeconds.toFixed(0)} s${info.quick ? ' (BENCH_QUICK: smoke run, small N, short windows)' : ''}; ` +
    `${info.machine}${info.postgres ? `, ${info.postgres}` : ''}; commit ${info.commit}; ${info.rounds} round(s) per comparison, alternating which server goes first; product LOG_LEVEL=${info.productLogLevel}. ` +
    `Load average (1 min, min–max) while each phase ran: ${info.machineLoad || '–'}; the bench itself keeps 2–3 busy, more is other work on the machine.`);
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
  if (cross) out.push('', renderCrossInstance(cross, info.clientProcs));
  if (raises) out.push('', renderRaises(info, raises));
  if (groupCommit) out.push('', renderGroupCommit(groupCommit, info.raiseConnections));
  return out.join('\n');
}
