// Cross-instance fan-out: PostgreSQL with pulls to A and boards on B, against one PostgreSQL instance,
// with the fan-out phase's SQLite figure at the same N beside them for reference.
import type { FanoutCell } from '../phases/fanout.ts';
import { fanoutSide, type FanoutSide } from './fanout-side.ts';
import { int, ms, table, x2 } from './report-format.ts';
import { ratio } from './stats.ts';
import { TARGETS, verdict, type Verdict } from './targets.ts';

export interface CrossInstanceSummary {
  n: number;
  /** From the fan-out phase of this run (Andon on SQLite, one instance), or null when it did not run at this N. */
  sqlite: FanoutSide | null;
  single: FanoutSide | null;
  cross: FanoutSide | null;
  /** Cross-instance p99 / single-instance p99, both on PostgreSQL: the target. */
  ratioP99: number;
  ratioP50: number;
  /** Cross-instance p99 / SQLite single-instance p99: for reference, not judged (different rounds). */
  ratioToSqliteP99: number;
  target: number;
  verdict: Verdict;
}

export function summarizeCrossInstance(cells: FanoutCell[], n: number, sqlite: FanoutSide | null): CrossInstanceSummary {
  const single = fanoutSide(cells.filter((c) => !c.boardsOnOtherInstance), 'Andon PostgreSQL, one instance');
  const cross = fanoutSide(cells.filter((c) => c.boardsOnOtherInstance), 'Andon PostgreSQL, pulls to A, boards on B');
  const usable = (side: FanoutSide | null): side is FanoutSide => !!side && !side.unavailable && side.lost === 0;
  const complete = usable(single) && usable(cross);
  const r = complete ? ratio(cross.lastClient.p99, single.lastClient.p99) : NaN;
  let v = verdict(r, TARGETS.crossInstanceP99, true);
  if (cross && !cross.unavailable && cross.lost > 0) v = 'MISSED';
  // A ratio of two growing backlogs says nothing about the target.
  if (single?.saturated || cross?.saturated) v = 'N/A';
  return {
    n, sqlite, single, cross, ratioP99: r,
    ratioP50: complete ? ratio(cross.lastClient.p50, single.lastClient.p50) : NaN,
    ratioToSqliteP99: usable(cross) && usable(sqlite) ? ratio(cross.lastClient.p99, sqlite.lastClient.p99) : NaN,
    target: TARGETS.crossInstanceP99, verdict: v,
  };
}

export function renderCrossInstance(s: CrossInstanceSummary, clientProcs: number): string {
  const out: string[] = [];
  out.push(`**Fan-out across instances**: as above (pull scheduled → event at the last of N clients, ms; clients in ${clientProcs} process(es)), ` +
    'on one PostgreSQL database: one Andon instance taking the pulls and holding the boards, against two instances with the pulls sent to A and ' +
    `the boards on B. The SQLite row is the fan-out phase's Andon figure at the same N. Target: cross-instance p99 ≤ ${TARGETS.crossInstanceP99}× one instance's.`, '');
  const rows: string[][] = [];
  const sides = [s.sqlite ? { ...s.sqlite, server: 'Andon SQLite, one instance' } : null, s.single, s.cross];
  for (const side of sides) {
    if (!side) continue;
    if (side.unavailable) {
      rows.push([int(s.n), '', side.server, `not measured: ${side.unavailable}`, '', '', '', '', '', '', '']);
      continue;
    }
    rows.push([int(s.n), `${side.ratePerSec}/s × ${side.windowSeconds} s`, side.server, ms(side.lastClient.p50), ms(side.lastClient.p99), ms(side.lastClient.max),
      ms(side.firstClient.p50), ms(side.httpResponse.p99), `${side.pulls - side.lost}/${side.pulls}`, '', '']);
  }
  rows.push([int(s.n), '', '**ratio** cross / one instance (PostgreSQL)', x2(s.ratioP50), `**${x2(s.ratioP99)}**`, '', '', '', '', `≤ ${s.target}×`, `**${s.verdict}**`]);
  rows.push([int(s.n), '', 'ratio cross (PostgreSQL) / one instance (SQLite)', '', x2(s.ratioToSqliteP99), '', '', '', '', '', '']);
  out.push(table(['N', 'pulls', 'setup', 'p50', 'p99', 'max', 'first client p50', 'HTTP p99', 'reached all', 'target', 'verdict'], rows));
  for (const side of [s.single, s.cross]) {
    if (side?.saturated) out.push('', `${side.server}: saturated at ${side.ratePerSec} pulls/s (${side.saturated}); verdict N/A.`);
  }
  return out.join('\n');
}
