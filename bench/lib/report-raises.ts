// Durable raises: one row per server, then the ratios the targets are about, each also round by round,
// because a pooled ratio can hide one disturbed round.
import type { RaiseCell } from '../phases/raises.ts';
import { int, mean, ms, table, x2 } from './report-format.ts';
import { SERVER_LABELS, type ServerKind } from './servers.ts';
import { ratio, summarize, type Summary } from './stats.ts';
import { TARGETS, verdict, type Verdict } from './targets.ts';

export interface RaiseSide {
  kind: ServerKind;
  server: string;
  rounds: number;
  requestsPerSec: number;
  /** 2xx answers per second in each round, by round number (NaN for a round that failed). */
  perSecByRound: number[];
  completed: number;
  latency: Summary;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  responseBytes: number;
}

export interface RaiseComparison {
  name: string;
  ratio: number;
  byRound: number[];
  target: number;
  verdict: Verdict;
}

const okPerSec = (c: RaiseCell) => Object.entries(c.statuses).filter(([s]) => s.startsWith('2')).reduce((s, [, v]) => s + v, 0) / (c.windowMs / 1000);

function raiseSide(kind: ServerKind, cells: RaiseCell[], rounds: number): RaiseSide | null {
  if (cells.length === 0) return null;
  const all = new Float64Array(cells.reduce((s, c) => s + c.latencies.length, 0));
  let offset = 0;
  const statuses: Record<string, number> = {};
  for (const c of cells) {
    all.set(c.latencies, offset);
    offset += c.latencies.length;
    for (const [k, v] of Object.entries(c.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  }
  return {
    kind,
    server: SERVER_LABELS[kind],
    rounds: cells.length,
    // Successful (2xx) answers per second of measured window, averaged over rounds.
    requestsPerSec: mean(cells.map(okPerSec)),
    perSecByRound: Array.from({ length: rounds }, (_, r) => {
      const cell = cells.find((c) => c.round === r);
      return cell ? okPerSec(cell) : NaN;
    }),
    completed: cells.reduce((s, c) => s + c.completed, 0),
    latency: summarize(all),
    statuses,
    errors: cells.reduce((s, c) => s + c.errors, 0),
    firstError: cells.find((c) => c.firstError)?.firstError ?? null,
    responseBytes: mean(cells.map((c) => c.responseBytesMean)),
  };
}

function compare(name: string, a: RaiseSide | null, b: RaiseSide | null, target: number): RaiseComparison | null {
  if (!a || !b) return null;
  const r = ratio(a.requestsPerSec, b.requestsPerSec);
  const byRound = a.perSecByRound.map((x, i) => ratio(x, b.perSecByRound[i]));
  return { name, ratio: r, byRound, target, verdict: verdict(r, target, false) };
}

export function summarizeRaises(cells: RaiseCell[], rounds: number) {
  const kinds: ServerKind[] = ['product', 'postgres', 'hello'];
  const sides = Object.fromEntries(kinds.map((k) => [k, raiseSide(k, cells.filter((c) => c.kind === k), rounds)])) as Record<ServerKind, RaiseSide | null>;
  const comparisons = [
    compare('Andon SQLite / hello-world', sides.product, sides.hello, TARGETS.raisesThroughput),
    compare('Andon PostgreSQL / Andon SQLite', sides.postgres, sides.product, TARGETS.postgresRaises),
  ].filter((c): c is RaiseComparison => c !== null);
  return { sides: kinds.map((k) => sides[k]).filter((s): s is RaiseSide => s !== null), comparisons };
}

export type RaisesSummary = ReturnType<typeof summarizeRaises>;

export interface RaiseRunInfo {
  raiseConnections: number;
  raiseSeconds: number;
  raiseProcs: number;
  idempotencyKeys: boolean;
  /** The servers in the order round 1 ran them. */
  raiseOrder: ServerKind[];
}

export function renderRaises(info: RaiseRunInfo, raises: RaisesSummary): string {
  const out: string[] = [];
  out.push(`**Durable raises**: closed loop, ${info.raiseConnections} keep-alive connections from ${info.raiseProcs} process(es), ${info.raiseSeconds} s per round` +
    `${info.idempotencyKeys ? ', each pull with its own Idempotency-Key' : ''}; the same load against each server in turn ` +
    `(round 1: ${info.raiseOrder.map((k) => SERVER_LABELS[k]).join(', ')}; round 2 the reverse, and so on).`, '');
  const byRound = (xs: number[]) => (xs.length > 1 ? ` (${xs.map(int).join(' / ')})` : '');
  const rows = raises.sides.map((side) => {
    const other = Object.entries(side.statuses).filter(([s]) => !s.startsWith('2')).map(([s, c]) => `${c}×${s}`).join(' ');
    return [side.server, `${int(side.requestsPerSec)}${byRound(side.perSecByRound)}`, ms(side.latency.p50), ms(side.latency.p99), ms(side.latency.max), int(side.completed),
      `${side.errors}${other ? ` (${other})` : ''}`];
  });
  out.push(table(['server', 'req/s (by round)', 'p50 ms', 'p99 ms', 'max ms', 'answers', 'errors'], rows));
  if (raises.comparisons.length > 0) {
    out.push('');
    const crows = raises.comparisons.map((c) => [c.name, `**${x2(c.ratio)}**`, c.byRound.length > 1 ? c.byRound.map(x2).join(' / ') : '', `≥ ${c.target}×`, `**${c.verdict}**`]);
    out.push(table(['req/s ratio', 'ratio', 'by round', 'target', 'verdict'], crows));
  }
  for (const side of raises.sides) if (side.firstError) out.push('', `First ${side.server} error: ${side.firstError}`);
  return out.join('\n');
}
