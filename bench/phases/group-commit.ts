// SQLite group commit before and after the async data layer: the current server and the old commit's,
// both on SQLite, both started and warmed, then the same raise load against one and then the other in
// short windows, pair after pair, alternating which goes first. On a shared machine whose load swings
// within seconds, two long rounds gave ratios of 0.78 and 1.43 for the same pair; many short, adjacent
// windows see nearly the same machine, and the spread of their ratios shows what noise remains.
import path from 'node:path';
import { roundOrder } from '../lib/rounds.ts';
import { startServer, type RunningServer } from '../lib/servers.ts';
import { sendPulls } from '../lib/pulls.ts';
import { driveRaiseLoad, startRaiseLoad, stopRaiseLoad, type RaiseContext, type RaiseMeasurement } from './raises.ts';

export type GroupCommitSide = 'product' | 'before';

export interface GroupCommitWindow extends RaiseMeasurement {
  kind: GroupCommitSide;
  pair: number;
}

export interface GroupCommitContext extends Omit<RaiseContext, 'sources'> {
  log: (line: string) => void;
  /** The old commit's source tree (a worktree made for this run). */
  beforeRoot: () => string;
}

const okPerSec = (w: RaiseMeasurement) => Object.entries(w.statuses).filter(([s]) => s.startsWith('2')).reduce((s, [, v]) => s + v, 0) / (w.windowMs / 1000);

export async function runGroupCommitPhase(ctx: GroupCommitContext): Promise<GroupCommitWindow[]> {
  const g = ctx.config.groupCommit;
  const start = (kind: GroupCommitSide) => {
    const tag = `group-commit-${kind}`;
    return startServer(kind, {
      workDir: path.join(ctx.workDir, tag), inspect: false, cpuProfDir: ctx.cpuProfDir, logLevel: ctx.config.productLogLevel, tag,
      sourceRoot: kind === 'before' ? ctx.beforeRoot() : undefined,
    });
  };
  const servers: Partial<Record<GroupCommitSide, RunningServer>> = {};
  let loads: Awaited<ReturnType<typeof startRaiseLoad>> = [];
  const windows: GroupCommitWindow[] = [];
  try {
    servers.product = await start('product');
    servers.before = await start('before');
    for (const server of [servers.product, servers.before]) await sendPulls(server, `bench-${ctx.runId}-gc-${server.kind}-pre-`, 50, 25);
    loads = await startRaiseLoad(ctx.config.raises.loadProcs);
    // One discarded window each first: the first seconds of heavy load still pay for JIT and cache growth.
    for (const server of [servers.product, servers.before]) await driveRaiseLoad(loads, server, ctx.config.raises, g, `bench-${ctx.runId}-gc-${server.kind}-warm`);
    for (let pair = 0; pair < g.pairs; pair++) {
      const rates: string[] = [];
      for (const kind of roundOrder<GroupCommitSide>(pair, ['product', 'before'])) {
        const measured = await driveRaiseLoad(loads, servers[kind]!, ctx.config.raises, g, `bench-${ctx.runId}-gc-${kind}-${pair}`);
        windows.push({ kind, pair, ...measured });
        rates.push(`${kind === 'product' ? 'now' : 'before'} ${Math.round(okPerSec(measured))}/s${measured.errors ? ` (${measured.errors} errors)` : ''}`);
      }
      ctx.log(`  pair ${pair + 1}/${g.pairs}: ${rates.join(', ')}`);
    }
    return windows;
  } finally {
    await stopRaiseLoad(loads);
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}
