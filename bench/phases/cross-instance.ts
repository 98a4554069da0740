// Fan-out across instances: two Andon processes on one PostgreSQL database, pulls sent to A and the N
// boards connected to B, so every event reaches the boards through the events table (NOTIFY, then a read)
// rather than from the committing process. Measured against one PostgreSQL instance taking both.
import path from 'node:path';
import { fanoutRate } from '../lib/config.ts';
import type { BenchPostgres } from '../lib/postgres.ts';
import { roundOrder } from '../lib/rounds.ts';
import { startServer, type RunningServer } from '../lib/servers.ts';
import { emptyFanoutCell, measureFanout, type FanoutCell, type FanoutContext } from './fanout.ts';

export type InstanceSetup = 'single' | 'cross';

export interface CrossInstanceContext extends FanoutContext {
  postgres: BenchPostgres;
}

async function runCell(ctx: CrossInstanceContext, setup: InstanceSetup, n: number, round: number): Promise<FanoutCell> {
  const tag = `cross-instance-${setup}-n${n}-r${round}`;
  const cell = emptyFanoutCell('postgres', n, round, fanoutRate(ctx.config, n));
  // A fresh database per cell, as the SQLite cells get a fresh file: the same table sizes on both sides.
  const databaseUrl = await ctx.postgres.freshDatabase();
  const options = (instance: string) => ({
    workDir: path.join(ctx.workDir, tag, instance), inspect: false, cpuProfDir: ctx.cpuProfDir, logLevel: ctx.config.productLogLevel, tag: `${tag}-${instance}`, databaseUrl,
  });
  const a = await startServer('postgres', options('a'));
  let b: RunningServer | null = null;
  try {
    // B shares A's database, so A's admin and API token are B's too.
    if (setup === 'cross') b = await startServer('postgres', { ...options('b'), authHeaders: a.authHeaders });
    await measureFanout(ctx, cell, { pulls: a, boards: b ?? a, memory: false });
    return cell;
  } finally {
    await b?.stop();
    await a.stop();
  }
}

/** Both setups at one N, ABBA rounds; a cell that fails is kept as unavailable and named in `failures`. */
export async function runCrossInstancePhase(ctx: CrossInstanceContext, n: number, describe: (cell: FanoutCell) => string): Promise<{ cells: FanoutCell[]; failures: string[] }> {
  const cells: FanoutCell[] = [];
  const failures: string[] = [];
  for (let round = 0; round < ctx.config.rounds; round++) {
    for (const setup of roundOrder<InstanceSetup>(round, ['single', 'cross'])) {
      ctx.log(`cross-instance fan-out N=${n} round ${round + 1}/${ctx.config.rounds}: PostgreSQL, ${setup === 'cross' ? 'pulls to A, boards on B' : 'one instance'}`);
      try {
        const cell = await runCell(ctx, setup, n, round);
        ctx.log(cell.unavailable ? `  not measured: ${cell.unavailable}` : `  ${describe(cell)}`);
        cells.push(cell);
      } catch (error) {
        const message = (error as Error).message;
        failures.push(`cross-instance ${setup} N=${n} round ${round + 1}: ${message}`);
        ctx.log(`  FAILED: ${message}`);
        const failed = emptyFanoutCell('postgres', n, round, fanoutRate(ctx.config, n), message.split('\n')[0]);
        failed.boardsOnOtherInstance = setup === 'cross';
        cells.push(failed);
      }
    }
  }
  return { cells, failures };
}
