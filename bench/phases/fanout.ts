// Fan-out and memory, for one server kind at one N: start the server, read its RSS, connect N board
// clients from separate processes, read RSS again (idle), then send pulls at a steady rate and time each
// one from its scheduled send until the last of the N clients has it. The pulls may also go to another
// instance than the boards (cross-instance, see cross-instance.ts).
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fanoutRate, fanoutWindowMs, type BenchConfig } from '../lib/config.ts';
import { sleep } from '../lib/clock.ts';
import { openInspector, type InspectorSession } from '../lib/inspector.ts';
import { forkBench, nativeHeapRssKib, nextMessage, rssKib, stopChild } from '../lib/procs.ts';
import { sendPulls } from '../lib/pulls.ts';
import { startServer, type RunningServer, type ServerKind } from '../lib/servers.ts';
import type { FanoutCommand, FanoutReport } from '../load/protocol.ts';

export interface MemoryReading {
  rssKib: number;
  /** V8 heap in use (process.memoryUsage().heapUsed, read through the inspector). */
  heapUsedKib: number | null;
  /** V8 heap committed (heapTotal): used plus free space V8 keeps. */
  heapTotalKib: number | null;
  externalKib: number | null;
  /** Resident part of the glibc main-arena heap: native allocations. */
  nativeHeapKib: number | null;
}

export interface FanoutCell {
  kind: ServerKind;
  n: number;
  round: number;
  /** Pulls per second. */
  rate: number;
  /** Set when the cell could not be measured; the other fields may then be partial. */
  unavailable: string | null;
  /** Pulls went to one instance, the boards were connected to another on the same database. */
  boardsOnOtherInstance: boolean;
  connected: number;
  connectMs: number;
  /** Read with a fifth of the N clients connected, and with all N: the growth is per `memoryConnections`. */
  memoryBefore: MemoryReading | null;
  memoryIdle: MemoryReading | null;
  memoryConnections: number;
  /** Per measured pull: scheduled → last client (ms); null when some client never got it. */
  lastClientMs: Array<number | null>;
  /** Per measured pull: scheduled → first client (ms). */
  firstClientMs: Array<number | null>;
  /** Per measured pull: scheduled → HTTP answer (ms). */
  responseMs: number[];
  /** Per measured pull: seconds from the server's spawn to the pull's scheduled send (to line spikes up with timers). */
  sinceServerStartS: number[];
  httpErrors: number;
  firstHttpError: string | null;
  closedEarly: number;
  frameBytesMean: number;
  gcForced: boolean;
}

export interface FanoutContext {
  config: BenchConfig;
  runId: string;
  workDir: string;
  cpuProfDir: string | null;
  log: (line: string) => void;
}

async function readMemory(pid: number, inspector: InspectorSession | null, settleMs: number): Promise<MemoryReading> {
  await sleep(settleMs);
  let usage: NodeJS.MemoryUsage | null = null;
  if (inspector) {
    // Twice: the first full GC can leave finalizable garbage for the second.
    await inspector.collectGarbage();
    await inspector.collectGarbage();
    await sleep(500);
    usage = await inspector.memoryUsage();
  }
  // Median of three readings, 200 ms apart.
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(rssKib(pid));
    if (i < 2) await sleep(200);
  }
  samples.sort((a, b) => a - b);
  return {
    rssKib: samples[1],
    heapUsedKib: usage ? Math.round(usage.heapUsed / 1024) : null,
    heapTotalKib: usage ? Math.round(usage.heapTotal / 1024) : null,
    externalKib: usage ? Math.round(usage.external / 1024) : null,
    nativeHeapKib: nativeHeapRssKib(pid),
  };
}

function command(child: ChildProcess, message: FanoutCommand): void {
  child.send(message);
}

/** A cell with nothing measured yet (or that could not be measured: `unavailable`). */
export function emptyFanoutCell(kind: ServerKind, n: number, round: number, rate: number, unavailable: string | null = null): FanoutCell {
  return {
    kind, n, round, rate, unavailable, boardsOnOtherInstance: false, connected: 0, connectMs: NaN, memoryBefore: null, memoryIdle: null, memoryConnections: 0,
    lastClientMs: [], firstClientMs: [], responseMs: [], sinceServerStartS: [], httpErrors: 0, firstHttpError: null, closedEarly: 0, frameBytesMean: NaN, gcForced: false,
  };
}

/** One server takes the pulls and holds the boards; memory is read too. */
export async function runFanoutCell(ctx: FanoutContext, kind: ServerKind, n: number, round: number): Promise<FanoutCell> {
  const tag = `fanout-${kind}-n${n}-r${round}`;
  const cell = emptyFanoutCell(kind, n, round, fanoutRate(ctx.config, n));
  const server = await startServer(kind, {
    workDir: path.join(ctx.workDir, tag), inspect: ctx.config.fanout.forceGc, cpuProfDir: ctx.cpuProfDir, logLevel: ctx.config.productLogLevel, tag,
  });
  try {
    await measureFanout(ctx, cell, { pulls: server, boards: server, memory: true });
    return cell;
  } finally {
    await server.stop();
  }
}

export interface FanoutTarget {
  /** Where the pulls are sent. */
  pulls: RunningServer;
  /** Where the N boards connect: the same server, or another instance on the same database. */
  boards: RunningServer;
  /** Read the boards server's memory at N/5 and N connections (costs a few seconds of settling). */
  memory: boolean;
}

/** Fills `cell` with one measurement: warm up, connect N boards, send pulls at the cell's rate, collect. */
export async function measureFanout(ctx: FanoutContext, cell: FanoutCell, target: FanoutTarget): Promise<void> {
  const { config, runId } = ctx;
  const f = config.fanout;
  const { n, rate } = cell;
  const { pulls: pullServer, boards: server } = target;
  cell.boardsOnOtherInstance = pullServer !== server;
  const clients: ChildProcess[] = [];
  let inspector: InspectorSession | null = null;
  try {
    // Warm the pull path and the upgrade path (lazy init, JIT) with a few pulls and a few clients that
    // connect and leave again, so the "before" reading holds every one-time cost and the difference is
    // what idle connections cost.
    await sendPulls(pullServer, `bench-${runId}-pre-`, 50, 25);
    if (f.warmConnections > 0) {
      const warm = forkBench('load/fanout-clients.ts');
      clients.push(warm);
      await nextMessage<FanoutReport>(warm, (m) => m?.type === 'ready', 60_000, 'warm-up client process to start');
      const reply = nextMessage<Extract<FanoutReport, { type: 'connected' }>>(warm, (m) => m?.type === 'connected', 70_000, 'warm-up clients to connect');
      command(warm, { cmd: 'connect', url: server.liveUrl, headers: server.authHeaders, count: Math.min(f.warmConnections, n), concurrency: 16, marker: `bench-${runId}-x-`, maxEvents: 0, timeoutMs: 60_000 });
      const warmed = await reply;
      if (warmed.connected === 0) {
        cell.unavailable = `no client could connect to ${server.liveUrl} (first error: ${warmed.firstError ?? 'unknown'})`;
        return;
      }
      const closed = nextMessage(warm, (m) => m?.type === 'closed', 10_000, 'warm-up clients to close');
      command(warm, { cmd: 'close' });
      await closed;
      await stopChild(warm, 'SIGTERM', 5_000);
      clients.splice(clients.indexOf(warm), 1);
    }
    if (target.memory && f.forceGc && server.inspectPort) {
      try {
        inspector = await openInspector(server.pid, server.inspectPort);
        cell.gcForced = true;
      } catch (error) {
        ctx.log(`  (no forced GC for ${cell.kind}: ${(error as Error).message})`);
      }
    }
    const procs = Math.max(1, Math.min(f.clientProcs, n));
    const maxEvents = Math.ceil((fanoutWindowMs(config, n) / 1000) * rate);
    const marker = `bench-${runId}-m-`;
    for (let p = 0; p < procs; p++) clients.push(forkBench('load/fanout-clients.ts'));
    await Promise.all(clients.map((c) => nextMessage<FanoutReport>(c, (m) => m?.type === 'ready', 60_000, 'fan-out client process to start')));
    const connectTimeoutMs = 60_000 + n * 20;
    /** Connects `count` more clients, spread over the client processes; answers how many are connected in all. */
    const connectMore = async (count: number, expectedTotal: number): Promise<number> => {
      const connected = await Promise.all(clients.map((c, p) => {
        const share = Math.floor(count / procs) + (p < count % procs ? 1 : 0);
        const reply = nextMessage<Extract<FanoutReport, { type: 'connected' }>>(c, (m) => m?.type === 'connected', connectTimeoutMs + 10_000, 'clients to connect');
        command(c, { cmd: 'connect', url: server.liveUrl, headers: server.authHeaders, count: share, concurrency: Math.ceil(f.connectConcurrency / procs), marker, maxEvents, timeoutMs: connectTimeoutMs });
        return reply;
      }));
      cell.connectMs = (Number.isNaN(cell.connectMs) ? 0 : cell.connectMs) + Math.max(...connected.map((r) => r.elapsedMs));
      const total = connected.reduce((sum, r) => sum + r.connected, 0);
      if (total < expectedTotal) cell.unavailable = `${total}/${n} clients connected to ${server.liveUrl} (first error: ${connected.find((r) => r.firstError)?.firstError ?? 'unknown'})`;
      return total;
    };
    // Memory per connection is read between a first fifth of the clients and all N: the first fifth uses up
    // the room V8 and malloc keep spare, which would otherwise hide part of the growth (or all of it, at small N).
    const base = target.memory ? Math.floor(n / 5) : 0;
    if (base > 0 && (await connectMore(base, base)) < base) return;
    if (target.memory) cell.memoryBefore = await readMemory(server.pid, inspector, f.settleMs);
    cell.connected = await connectMore(n - base, n);
    if (cell.connected < n) return;
    ctx.log(`  ${n} clients connected in ${(cell.connectMs / 1000).toFixed(1)} s`);
    if (target.memory) {
      cell.memoryConnections = n - base;
      cell.memoryIdle = await readMemory(server.pid, inspector, f.settleMs);
    }
    inspector?.close();
    inspector = null;

    if (f.warmupMs > 0) await sendPulls(pullServer, `bench-${runId}-w-`, rate, Math.ceil((f.warmupMs / 1000) * rate));
    await sleep(500);
    const pulls = await sendPulls(pullServer, marker, rate, maxEvents);
    cell.responseMs = pulls.map((p) => p.responseMs);
    cell.sinceServerStartS = pulls.map((p) => (p.scheduledAt - server.startedAt) / 1000);
    const failed = pulls.filter((p) => p.status !== 201);
    cell.httpErrors = failed.length;
    cell.firstHttpError = failed[0] ? (failed[0].error ?? `HTTP ${failed[0].status}`) : null;

    const collected = await Promise.all(clients.map((c) => {
      const reply = nextMessage<Extract<FanoutReport, { type: 'collected' }>>(c, (m) => m?.type === 'collected', f.drainTimeoutMs + 30_000, 'client results');
      command(c, { cmd: 'collect', expected: maxEvents, timeoutMs: f.drainTimeoutMs });
      return reply;
    }));
    cell.closedEarly = collected.reduce((sum, r) => sum + r.closedEarly, 0);
    const frames = collected.filter((r) => Number.isFinite(r.frameBytesMean));
    cell.frameBytesMean = frames.length ? frames.reduce((s, r) => s + r.frameBytesMean, 0) / frames.length : NaN;
    for (let i = 0; i < maxEvents; i++) {
      const got = collected.reduce((sum, r) => sum + r.counts[i], 0);
      const last = Math.max(...collected.map((r) => r.lastAt[i]));
      const first = Math.min(...collected.map((r) => r.firstAt[i] || Infinity));
      const scheduledAt = pulls[i].scheduledAt;
      cell.lastClientMs.push(got >= n ? last - scheduledAt : null);
      cell.firstClientMs.push(Number.isFinite(first) ? first - scheduledAt : null);
    }
  } finally {
    inspector?.close();
    await Promise.all(clients.map(async (c) => {
      if (c.connected) {
        const closed = nextMessage(c, (m) => m?.type === 'closed', 10_000, 'clients to close').catch(() => undefined);
        command(c, { cmd: 'close' });
        await closed;
      }
      await stopChild(c, 'SIGTERM', 5_000);
    }));
  }
}
