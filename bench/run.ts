// `npm run bench`: the Andon benchmarks, each against its baseline, side by side in one run.
// Servers and load generators are separate child processes; see bench/README.md for the method.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now } from './lib/clock.ts';
import { addBeforeWorktree, type BeforeWorktree } from './lib/before-worktree.ts';
import { fanoutRate, loadBenchConfig } from './lib/config.ts';
import { backlogGrowth } from './lib/fanout-side.ts';
import { watchMachineLoad } from './lib/machine-load.ts';
import { benchPostgres } from './lib/postgres.ts';
import { benchRoot, killAllChildrenNow, openFileLimits, repoRoot, startReaper, stopAllChildren, stopReaper } from './lib/procs.ts';
import { summarizeCrossInstance, type CrossInstanceSummary } from './lib/report-cross-instance.ts';
import { summarizeGroupCommit, type GroupCommitSummary } from './lib/report-group-commit.ts';
import { summarizeRaises, type RaisesSummary } from './lib/report-raises.ts';
import { renderText, summarizeFanout, type FanoutSummary, type RunInfo } from './lib/report.ts';
import { roundOrder } from './lib/rounds.ts';
import type { ServerKind } from './lib/servers.ts';
import { summarize } from './lib/stats.ts';
import { runCrossInstancePhase } from './phases/cross-instance.ts';
import { describeFlow, runFlowPhase, type FlowDatabaseResult } from './phases/flow.ts';
import { describeLearnings, runLearningsPhase, type LearningsResult } from './phases/learnings.ts';
import { runGroupCommitPhase } from './phases/group-commit.ts';
import { emptyFanoutCell, runFanoutCell, type FanoutCell, type MemoryReading } from './phases/fanout.ts';
import { runRaiseCell, type RaiseCell } from './phases/raises.ts';

const config = loadBenchConfig();
const log = (line: string) => console.log(line);

// ---- open-file limit: each side of the biggest fan-out holds N sockets ------------------------------
// Node raises its soft limit to the hard limit at start-up (and children inherit it), so what we see
// here is as far as this shell lets us go; a size that does not fit is skipped and said so.
const FD_HEADROOM = 512;
const limits = openFileLimits();
const skipped = new Map<number, string>();
for (const n of config.fanout.sizes) {
  if (limits.soft < n + FD_HEADROOM) {
    skipped.set(n, `open-file limit is ${limits.soft} (hard ${limits.hard}); N=${n} needs ≥ ${n + FD_HEADROOM} per process: raise the hard limit (see bench/README.md)`);
  }
}

// ---- run -----------------------------------------------------------------------------------------
const runId = randomBytes(4).toString('hex');
const startedAt = new Date();
const t0 = now();
const workDir = mkdtempSync(path.join(os.tmpdir(), 'andon-bench-'));
const cpuProfDir = config.cpuProf ? path.join(benchRoot, 'results', 'profiles', runId) : null;

// Started the first time a phase needs them; the cluster's own helper also stops it if we die.
const postgres = benchPostgres();
let beforeWorktree: BeforeWorktree | null = null;
function removeBeforeWorktree(): void {
  beforeWorktree?.remove();
}

let cleanedUp = false;
function removeWorkDir(): void {
  rmSync(workDir, { recursive: true, force: true });
}
process.on('exit', () => {
  killAllChildrenNow();
  try {
    removeBeforeWorktree();
  } catch {
    // the next run's sweep removes it
  }
  if (!cleanedUp) removeWorkDir();
});
let stoppingOnSignal = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // `on`, not `once`: the PostgreSQL helper re-raises a signal nobody else listens to, which would kill
  // us before the children are stopped and the worktree removed.
  process.on(signal, () => {
    if (stoppingOnSignal) return;
    stoppingOnSignal = true;
    log(`\nbench: ${signal}, stopping child processes…`);
    void stopAllChildren().finally(() => process.exit(130));
  });
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'shared'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted server/shared changes` : head;
  } catch {
    return 'unknown';
  }
}

function hubFiles(): string[] {
  const dir = path.join(repoRoot, 'server', 'hub');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')) : [];
}

/** The three slowest pulls, with when they were due (seconds after the server was spawned). */
function worst(cell: FanoutCell): string {
  return cell.lastClientMs
    .map((ms, i) => ({ ms: ms ?? Infinity, at: cell.sinceServerStartS[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((w) => `${w.ms.toFixed(0)} ms @${w.at.toFixed(1)} s`)
    .join(', ');
}

function describeFanoutCell(cell: FanoutCell): string {
  const got = cell.lastClientMs.filter((x): x is number => x !== null);
  const s = summarize(got);
  const growth = backlogGrowth(cell.lastClientMs);
  const per1000 = (pick: (m: MemoryReading) => number | null) => {
    const a = cell.memoryBefore && pick(cell.memoryBefore);
    const b = cell.memoryIdle && pick(cell.memoryIdle);
    return a === null || b === null ? NaN : ((b - a) / cell.memoryConnections) * 1000;
  };
  const mem = cell.memoryIdle
    ? `RSS +${per1000((m) => m.rssKib).toFixed(0)} (V8 used ${per1000((m) => m.heapUsedKib).toFixed(0)}, V8 committed ${per1000((m) => m.heapTotalKib).toFixed(0)}, malloc ${per1000((m) => m.nativeHeapKib).toFixed(0)}) KiB per 1,000; `
    : '';
  return `${cell.rate}/s: last client p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)} ms (first→last quarter p50 ${growth.first.toFixed(1)}→${growth.last.toFixed(1)}), ` +
    `${got.length}/${cell.lastClientMs.length} reached all, HTTP errors ${cell.httpErrors}; ${mem}slowest: ${worst(cell)}`;
}

/** What a server kind of the raise phase needs beyond the defaults: PostgreSQL gets a fresh database. */
async function sourcesFor(kind: ServerKind): Promise<{ databaseUrl?: string }> {
  return kind === 'postgres' ? { databaseUrl: await postgres.freshDatabase() } : {};
}

function beforeRoot(): string {
  beforeWorktree ??= addBeforeWorktree(config.beforeCommit);
  return beforeWorktree.dir;
}

async function main(): Promise<number> {
  const machine = `${os.cpus().length} CPU (${os.cpus()[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}, ` +
    `Node ${process.version}, fastify ${versionOf('fastify')}, ws ${versionOf('ws')}, ulimit -n ${limits.soft}`;
  log(`Andon bench, run ${runId}${config.quick ? ' (quick)' : ''}: ${machine}`);
  log(`work dir ${workDir}; hub sources in server/hub: ${hubFiles().join(', ') || 'none yet'}`);
  startReaper();
  const machineLoad = watchMachineLoad();

  let fanoutSummary: FanoutSummary | null = null;
  let crossSummary: CrossInstanceSummary | null = null;
  let raisesSummary: RaisesSummary | null = null;
  let groupCommitSummary: GroupCommitSummary | null = null;
  const failures: string[] = [];

  if (config.phases.includes('fanout')) {
    machineLoad.phase('fanout');
    const cells: FanoutCell[] = [];
    const ctx = { config, runId, workDir, cpuProfDir, log };
    for (const n of config.fanout.sizes) {
      if (skipped.has(n)) {
        log(`fan-out N=${n}: skipped: ${skipped.get(n)}`);
        continue;
      }
      for (let round = 0; round < config.rounds; round++) {
        for (const kind of roundOrder<ServerKind>(round, ['product', 'bare'])) {
          log(`fan-out N=${n} round ${round + 1}/${config.rounds}: ${kind}`);
          try {
            const cell = await runFanoutCell(ctx, kind, n, round);
            if (cell.unavailable) log(`  not measured: ${cell.unavailable}`);
            else log(`  ${describeFanoutCell(cell)}`);
            cells.push(cell);
          } catch (error) {
            const message = (error as Error).message;
            failures.push(`fan-out ${kind} N=${n} round ${round + 1}: ${message}`);
            log(`  FAILED: ${message}`);
            cells.push(emptyFanoutCell(kind, n, round, fanoutRate(config, n), message.split('\n')[0]));
          }
        }
      }
    }
    fanoutSummary = summarizeFanout(cells, config.fanout.sizes, skipped);
  }

  if (config.phases.includes('cross-instance')) {
    machineLoad.phase('cross-instance');
    const n = config.crossInstance.n;
    const sqlite = fanoutSummary?.fanout.find((f) => f.n === n)?.product ?? null;
    const ctx = { config, runId, workDir, cpuProfDir, log, postgres };
    const phase = await runCrossInstancePhase(ctx, n, describeFanoutCell);
    failures.push(...phase.failures);
    crossSummary = summarizeCrossInstance(phase.cells, n, sqlite);
  }

  if (config.phases.includes('raises')) {
    machineLoad.phase('raises');
    const cells: RaiseCell[] = [];
    const ctx = { config, runId, workDir, cpuProfDir, sources: sourcesFor };
    for (let round = 0; round < config.rounds; round++) {
      for (const kind of roundOrder(round, config.raises.servers)) {
        log(`durable raises round ${round + 1}/${config.rounds}: ${kind}`);
        try {
          const cell = await runRaiseCell(ctx, kind, round);
          log(`  ${Math.round(cell.completed / (cell.windowMs / 1000))} answers/s, ${cell.errors} errors`);
          cells.push(cell);
        } catch (error) {
          const message = (error as Error).message;
          failures.push(`raises ${kind} round ${round + 1}: ${message}`);
          log(`  FAILED: ${message}`);
        }
      }
    }
    raisesSummary = summarizeRaises(cells, config.rounds);
  }

  if (config.phases.includes('group-commit')) {
    machineLoad.phase('group-commit');
    log(`SQLite group commit: now against ${config.beforeCommit}, ${config.groupCommit.pairs} pair(s) of windows`);
    try {
      const windows = await runGroupCommitPhase({ config, runId, workDir, cpuProfDir, log, beforeRoot });
      groupCommitSummary = summarizeGroupCommit(windows, beforeWorktree?.commit ?? config.beforeCommit, config.groupCommit.durationMs / 1000);
    } catch (error) {
      const message = (error as Error).message;
      failures.push(`group commit: ${message}`);
      log(`  FAILED: ${message}`);
    }
  }

  let flowResults: FlowDatabaseResult[] | null = null;
  if (config.phases.includes('flow')) {
    machineLoad.phase('flow');
    log(`flow measures: ${config.flow.problems} problems, GET /api/flow for 90 days on SQLite and PostgreSQL, pulls while reports are asked for`);
    try {
      flowResults = await runFlowPhase({ ...config.flow, workDir: path.join(workDir, 'flow'), postgres, cpuProfDir, log });
    } catch (error) {
      const message = (error as Error).message;
      failures.push(`flow: ${message}`);
      log(`  FAILED: ${message}`);
    }
  }

  let learningsResults: LearningsResult[] | null = null;
  if (config.phases.includes('learnings')) {
    machineLoad.phase('learnings');
    log(`learnings search: ${config.learnings.sizes.join(' and ')} learnings on SQLite and PostgreSQL, search and suggest against a LIKE scan, pulls while typing`);
    try {
      learningsResults = await runLearningsPhase({ ...config.learnings, workDir: path.join(workDir, 'learnings'), postgres, log });
    } catch (error) {
      const message = (error as Error).message;
      failures.push(`learnings: ${message}`);
      log(`  FAILED: ${message}`);
    }
  }

  machineLoad.stop();
  const info: RunInfo = {
    runId, startedAt: startedAt.toISOString(), durationSeconds: (now() - t0) / 1000, quick: config.quick, rounds: config.rounds, machine,
    clientProcs: config.fanout.clientProcs,
    raiseConnections: config.raises.connections, raiseSeconds: config.raises.durationMs / 1000, raiseProcs: config.raises.loadProcs,
    productLogLevel: config.productLogLevel, idempotencyKeys: config.raises.idempotencyKeys, commit: gitCommit(),
    raiseOrder: config.raises.servers, postgres: postgres.describe(), machineLoad: machineLoad.describe(),
  };
  const flowText = flowResults ? `\n\nFlow measures (in-process, 90-day period):\n${flowResults.map((r) => `- ${r.database}: ${describeFlow(r)}`).join('\n')}` : '';
  const learningsText = learningsResults ? `\n\nLearnings search (server in its own process; the query alone on the bench's connection):\n${learningsResults.map((r) => `- ${describeLearnings(r)}`).join('\n')}` : '';
  const text = renderText(info, { fanout: fanoutSummary, crossInstance: crossSummary, raises: raisesSummary, groupCommit: groupCommitSummary }) + flowText + learningsText;
  log(`\n${text}\n`);
  if (failures.length) log(`Failures:\n${failures.map((f) => `- ${f}`).join('\n')}\n`);

  const resultsDir = path.join(benchRoot, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const json = { ...info, config, hubFiles: hubFiles(), fanout: fanoutSummary?.fanout ?? null, memory: fanoutSummary?.memory ?? null, crossInstance: crossSummary, raises: raisesSummary, groupCommit: groupCommitSummary, flow: flowResults, learnings: learningsResults, failures };
  // A smoke run must not overwrite the figures of the last full run, which bench/README.md quotes.
  const resultsFile = config.quick ? 'latest-quick.json' : 'latest.json';
  writeFileSync(path.join(resultsDir, resultsFile), `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote bench/results/${resultsFile}`);
  if (cpuProfDir) log(`CPU profiles in ${path.relative(repoRoot, cpuProfDir)}/ (open in Chrome DevTools or speedscope)`);

  if (config.writeReadme) {
    const readme = path.join(benchRoot, 'README.md');
    const START = '<!-- bench:figures:start -->';
    const END = '<!-- bench:figures:end -->';
    const current = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
    const a = current.indexOf(START);
    const b = current.indexOf(END);
    if (a >= 0 && b > a) {
      const failuresText = failures.length ? `\n\nFailures in this run:\n\n${failures.map((f) => `- ${f.split('\n')[0]}`).join('\n')}` : '';
      writeFileSync(readme, `${current.slice(0, a + START.length)}\n${text}${failuresText}\n${current.slice(b)}`);
      log('updated the figures in bench/README.md');
    } else {
      log('bench/README.md has no figures markers; not updated');
    }
  }
  return failures.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('bench failed:', error);
} finally {
  await stopAllChildren();
  stopReaper();
  await postgres.stop().catch((error: unknown) => console.error('bench: stopping PostgreSQL failed:', error));
  try {
    removeBeforeWorktree();
  } catch (error) {
    console.error(`bench: removing the worktree of ${config.beforeCommit} failed:`, error);
  }
  removeWorkDir();
  cleanedUp = true;
}
process.exit(code);
