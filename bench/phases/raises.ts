// Durable raises, for one server kind: closed-loop POST /api/problems over many keep-alive connections
// from separate load processes; throughput and latency over the measured window.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchConfig } from '../lib/config.ts';
import { forkBench, nextMessage, stopChild } from '../lib/procs.ts';
import { PULL_DETAILS, sendPulls } from '../lib/pulls.ts';
import { startServer, type RunningServer, type ServerKind, type StartOptions } from '../lib/servers.ts';
import type { RaiseReport } from '../load/protocol.ts';

export interface RaiseCell {
  kind: ServerKind;
  round: number;
  completed: number;
  windowMs: number;
  latencies: Float64Array;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  responseBytesMean: number;
}

export interface RaiseContext {
  config: BenchConfig;
  runId: string;
  workDir: string;
  cpuProfDir: string | null;
  /** What a kind needs beyond the defaults: a fresh PostgreSQL database, or the old commit's source tree. */
  sources: (kind: ServerKind) => Promise<Pick<StartOptions, 'databaseUrl' | 'sourceRoot'>>;
}

/** What one stretch of raise load against one server measured. */
export type RaiseMeasurement = Omit<RaiseCell, 'kind' | 'round'>;

/** Starts the raise-load processes; they take one `run` after another, so a phase may reuse them. */
export async function startRaiseLoad(processes: number): Promise<ChildProcess[]> {
  const loads: ChildProcess[] = [];
  for (let p = 0; p < processes; p++) loads.push(forkBench('load/raise-load.ts'));
  try {
    await Promise.all(loads.map((c) => nextMessage<RaiseReport>(c, (m) => m?.type === 'ready', 60_000, 'raise load process to start')));
  } catch (error) {
    await stopRaiseLoad(loads);
    throw error;
  }
  return loads;
}

export async function stopRaiseLoad(loads: ChildProcess[]): Promise<void> {
  await Promise.all(loads.map((c) => stopChild(c, 'SIGTERM', 5_000)));
}

/** The configured closed-loop load against `server` for warm-up plus window; `tag` keeps titles and keys unique. */
export async function driveRaiseLoad(
  loads: ChildProcess[], server: RunningServer, r: BenchConfig['raises'], window: { warmupMs: number; durationMs: number }, tag: string,
): Promise<RaiseMeasurement> {
  const timeoutMs = window.warmupMs + window.durationMs + 60_000;
  const results = await Promise.all(loads.map((c, p) => {
    const reply = nextMessage<Extract<RaiseReport, { type: 'result' }>>(c, (m) => m?.type === 'result', timeoutMs, 'raise load results');
    const connections = Math.floor(r.connections / loads.length) + (p < r.connections % loads.length ? 1 : 0);
    c.send({
      cmd: 'run', host: server.host, port: server.port, path: '/api/problems', connections, warmupMs: window.warmupMs, durationMs: window.durationMs,
      headers: server.authHeaders, titlePrefix: `${tag}-p${p}-`, details: PULL_DETAILS,
      idempotencyPrefix: r.idempotencyKeys ? `${tag}-p${p}-` : null,
    });
    return reply;
  }));
  const total = results.reduce((sum, x) => sum + x.completed, 0);
  const latencies = new Float64Array(results.reduce((sum, x) => sum + x.latencies.length, 0));
  let offset = 0;
  const statuses: Record<string, number> = {};
  for (const x of results) {
    latencies.set(x.latencies, offset);
    offset += x.latencies.length;
    for (const [status, count] of Object.entries(x.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    completed: total, windowMs: window.durationMs, latencies, statuses,
    errors: results.reduce((sum, x) => sum + x.errors, 0),
    firstError: results.find((x) => x.firstError)?.firstError ?? null,
    responseBytesMean: results.reduce((s, x) => s + (x.responseBytesMean || 0) * x.completed, 0) / Math.max(1, total),
  };
}

export async function runRaiseCell(ctx: RaiseContext, kind: ServerKind, round: number): Promise<RaiseCell> {
  const r = ctx.config.raises;
  const tag = `raises-${kind}-r${round}`;
  const server = await startServer(kind, {
    workDir: path.join(ctx.workDir, tag), inspect: false, cpuProfDir: ctx.cpuProfDir, logLevel: ctx.config.productLogLevel, tag, ...(await ctx.sources(kind)),
  });
  let loads: ChildProcess[] = [];
  try {
    // Same warm-up for every server: a few pulls at a gentle pace before the load (lazy loading, JIT).
    await sendPulls(server, `bench-${ctx.runId}-${tag}-pre-`, 50, 25);
    loads = await startRaiseLoad(r.loadProcs);
    return { kind, round, ...(await driveRaiseLoad(loads, server, r, r, `bench-${ctx.runId}-${tag}`)) };
  } finally {
    await stopRaiseLoad(loads);
    await server.stop();
  }
}
