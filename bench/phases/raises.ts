// Durable raises, for one server kind: closed-loop POST /api/problems over many keep-alive connections
// from separate load processes; throughput and latency over the measured window.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BenchConfig } from '../lib/config.ts';
import { forkBench, nextMessage, stopChild } from '../lib/procs.ts';
import { PULL_DETAILS, sendPulls } from '../lib/pulls.ts';
import { startServer, type ServerKind } from '../lib/servers.ts';
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
}

export async function runRaiseCell(ctx: RaiseContext, kind: ServerKind, round: number): Promise<RaiseCell> {
  const r = ctx.config.raises;
  const tag = `raises-${kind}-r${round}`;
  const server = await startServer(kind, {
    workDir: path.join(ctx.workDir, tag), inspect: false, cpuProfDir: ctx.cpuProfDir, logLevel: ctx.config.productLogLevel, tag,
  });
  const loads: ChildProcess[] = [];
  try {
    // Same warm-up for every server: a few pulls at a gentle pace before the load (lazy loading, JIT).
    await sendPulls(server, `bench-${ctx.runId}-${tag}-pre-`, 50, 25);
    for (let p = 0; p < r.loadProcs; p++) loads.push(forkBench('load/raise-load.ts'));
    await Promise.all(loads.map((c) => nextMessage<RaiseReport>(c, (m) => m?.type === 'ready', 60_000, 'raise load process to start')));
    const timeoutMs = r.warmupMs + r.durationMs + 60_000;
    const results = await Promise.all(loads.map((c, p) => {
      const reply = nextMessage<Extract<RaiseReport, { type: 'result' }>>(c, (m) => m?.type === 'result', timeoutMs, 'raise load results');
      const connections = Math.floor(r.connections / r.loadProcs) + (p < r.connections % r.loadProcs ? 1 : 0);
      c.send({
        cmd: 'run', host: server.host, port: server.port, path: '/api/problems', connections, warmupMs: r.warmupMs, durationMs: r.durationMs,
        headers: server.authHeaders, titlePrefix: `bench-${ctx.runId}-${tag}-p${p}-`, details: PULL_DETAILS,
        idempotencyPrefix: r.idempotencyKeys ? `bench-${ctx.runId}-${tag}-p${p}-` : null,
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
      kind, round, completed: total, windowMs: r.durationMs, latencies, statuses,
      errors: results.reduce((sum, x) => sum + x.errors, 0),
      firstError: results.find((x) => x.firstError)?.firstError ?? null,
      responseBytesMean: results.reduce((s, x) => s + (x.responseBytesMean || 0) * x.completed, 0) / Math.max(1, total),
    };
  } finally {
    await Promise.all(loads.map((c) => stopChild(c, 'SIGTERM', 5_000)));
    await server.stop();
  }
}
