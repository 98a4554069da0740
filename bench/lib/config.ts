// Every knob of `npm run bench`, read once from the environment. Documented in bench/README.md.

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function list(name: string, fallback: number[]): number[];
function list(name: string, fallback: null): number[] | null;
function list(name: string, fallback: number[] | null): number[] | null {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${name} must be a comma-separated list of positive integers, got "${raw}"`);
  return values;
}

/** BENCH_FLOW_DATABASES, BENCH_LEARNINGS_DATABASES: `sqlite,postgres` (the default), or one of them. */
function databasesOf(name: string, raw: string | undefined): Array<'sqlite' | 'postgres'> {
  if (!raw) return ['sqlite', 'postgres'];
  const names = raw.split(',').map((s) => s.trim());
  const known = names.filter((n): n is 'sqlite' | 'postgres' => n === 'sqlite' || n === 'postgres');
  if (known.length === 0 || known.length !== names.length) throw new Error(`${name} must be sqlite, postgres or both, got "${raw}"`);
  return known;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

export const PHASES = ['fanout', 'cross-instance', 'raises', 'group-commit', 'flow', 'learnings'] as const;
export type Phase = (typeof PHASES)[number];

/** Names BENCH_RAISE_SERVERS accepts, and the server kind each one starts. */
export const RAISE_SERVERS = { sqlite: 'product', postgres: 'postgres', hello: 'hello' } as const;
type RaiseServerName = keyof typeof RAISE_SERVERS;

function names<T extends string>(name: string, fallback: string, allowed: readonly T[]): T[] {
  const values = (process.env[name] || fallback).split(',').map((s) => s.trim()).filter(Boolean);
  for (const value of values) if (!allowed.includes(value as T)) throw new Error(`${name}: unknown value "${value}" (one of ${allowed.join(', ')})`);
  return values as T[];
}

export function loadBenchConfig() {
  const quick = flag('BENCH_QUICK', false);
  const phases = names('BENCH_PHASES', PHASES.join(','), PHASES);
  return {
    quick,
    phases,
    /** Each comparison runs this many rounds, alternating which server goes first (ABBA), samples pooled. */
    rounds: int('BENCH_ROUNDS', quick ? 1 : 2, 1),
    fanout: {
      sizes: list('BENCH_FANOUT_N', quick ? [200, 1000] : [1000, 5000]),
      clientProcs: int('BENCH_CLIENT_PROCS', 2, 1),
      /** Pulls per second, one value for every N or one per N (same order as BENCH_FANOUT_N). */
      /** Default: 20/s, but no more than 25,000 messages/s in all (5/s at N = 5,000), where the bare baseline keeps up on 2 cores. */
      rates: list('BENCH_FANOUT_RATE', null),
      /** Measured seconds per round, one value for every N or one per N. */
      /** Default: 25 s, one whole heartbeat interval of the hub, so periodic work is sampled fairly; 3 s when quick. */
      seconds: list('BENCH_FANOUT_SECONDS', null),
      /** Clients connected and closed again before the "before" RSS reading (lazy init, JIT). */
      warmConnections: int('BENCH_WARM_CONNECTIONS', 100, 0),
      warmupMs: int('BENCH_FANOUT_WARMUP_SECONDS', quick ? 1 : 2, 0) * 1000,
      /** How long after the last scheduled pull to wait for stragglers before calling an event lost. */
      drainTimeoutMs: int('BENCH_FANOUT_DRAIN_SECONDS', 15, 1) * 1000,
      connectConcurrency: int('BENCH_CONNECT_CONCURRENCY', 64, 1),
      /** Idle time before reading RSS, after connections settle. */
      settleMs: int('BENCH_SETTLE_MS', quick ? 1000 : 3000, 0),
      /** Force a full GC (through the inspector, activated with SIGUSR1) before each RSS reading. */
      forceGc: flag('BENCH_FORCE_GC', true),
    },
    crossInstance: {
      /** Boards on instance B; the pull rate and window are the fan-out phase's at the same N. */
      n: int('BENCH_CROSS_INSTANCE_N', quick ? 200 : 1000, 1),
    },
    raises: {
      /** In this order in round 1, reversed in round 2, and so on. */
      servers: names('BENCH_RAISE_SERVERS', 'sqlite,postgres,hello', Object.keys(RAISE_SERVERS) as RaiseServerName[]).map((n) => RAISE_SERVERS[n]),
      connections: int('BENCH_RAISE_CONNECTIONS', 128, 1),
      loadProcs: int('BENCH_RAISE_PROCS', 1, 1),
      durationMs: int('BENCH_RAISE_SECONDS', quick ? 3 : 10, 1) * 1000,
      warmupMs: int('BENCH_RAISE_WARMUP_SECONDS', quick ? 1 : 2, 0) * 1000,
      idempotencyKeys: flag('BENCH_IDEMPOTENCY_KEYS', true),
    },
    groupCommit: {
      /** Pairs of windows (now, before / before, now …) of the raise load, both servers up throughout. */
      pairs: int('BENCH_GROUP_COMMIT_PAIRS', quick ? 2 : 8, 1),
      warmupMs: 1_000,
      durationMs: int('BENCH_GROUP_COMMIT_SECONDS', quick ? 2 : 3, 1) * 1000,
    },
    flow: {
      problems: int('BENCH_FLOW_N', quick ? 10_000 : 100_000, 1),
      requests: int('BENCH_FLOW_REQUESTS', quick ? 20 : 100, 1),
      pulls: { ratePerSec: 5, count: int('BENCH_FLOW_PULLS', quick ? 25 : 100, 1) },
      /** Leads asking for the report while the pulls come in, each again as soon as it answers. */
      reporters: int('BENCH_FLOW_REPORTERS', 2, 1),
      databases: databasesOf('BENCH_FLOW_DATABASES', process.env.BENCH_FLOW_DATABASES),
    },
    learnings: {
      /** How many learnings each database is seeded with, one run per size. */
      sizes: list('BENCH_LEARNINGS_N', quick ? [10_000] : [100_000, 1_000_000]),
      databases: databasesOf('BENCH_LEARNINGS_DATABASES', process.env.BENCH_LEARNINGS_DATABASES),
      requests: int('BENCH_LEARNINGS_REQUESTS', quick ? 50 : 200, 1),
      /** A LIKE scan of a million rows takes seconds: fewer of them. */
      likeRequests: int('BENCH_LEARNINGS_LIKE_REQUESTS', quick ? 10 : 30, 1),
      typists: int('BENCH_LEARNINGS_TYPISTS', 8, 1),
      pulls: { ratePerSec: 5, count: int('BENCH_LEARNINGS_PULLS', quick ? 25 : 100, 1) },
    },
    /** The commit before the async data layer: its SQLite server is the "before" of the group-commit comparison. */
    beforeCommit: process.env.BENCH_BEFORE_COMMIT || '4fc0026',
    /** LOG_LEVEL of the product server; its default (info) unless told. Logs go to a file in the temp dir. */
    productLogLevel: process.env.BENCH_LOG_LEVEL || 'info',
    /** Write `--cpu-prof` profiles of the product server into bench/results/profiles/. */
    cpuProf: flag('BENCH_CPU_PROF', false),
    /** Rewrite the figures block of bench/README.md (default: on full runs only). */
    writeReadme: flag('BENCH_WRITE_README', !quick),
  };
}

export type BenchConfig = ReturnType<typeof loadBenchConfig>;

function perSize(config: BenchConfig, values: number[], name: string, n: number): number {
  if (values.length === 1) return values[0];
  const i = config.fanout.sizes.indexOf(n);
  if (values.length !== config.fanout.sizes.length || i < 0) throw new Error(`${name} must have one value, or one per BENCH_FANOUT_N`);
  return values[i];
}

export const DEFAULT_FANOUT_RATE = 20;
export const DEFAULT_FANOUT_MESSAGES_PER_SEC = 25_000;

/** The pull rate used at fan-out size `n`. */
export function fanoutRate(config: BenchConfig, n: number): number {
  // A size outside BENCH_FANOUT_N (the cross-instance N) takes a single given rate, else the default.
  if (config.fanout.rates && (config.fanout.rates.length === 1 || config.fanout.sizes.includes(n))) return perSize(config, config.fanout.rates, 'BENCH_FANOUT_RATE', n);
  return Math.max(1, Math.min(DEFAULT_FANOUT_RATE, Math.floor(DEFAULT_FANOUT_MESSAGES_PER_SEC / n)));
}

/** The measured window (ms) at fan-out size `n`. */
export function fanoutWindowMs(config: BenchConfig, n: number): number {
  if (config.fanout.seconds && (config.fanout.seconds.length === 1 || config.fanout.sizes.includes(n))) return perSize(config, config.fanout.seconds, 'BENCH_FANOUT_SECONDS', n) * 1000;
  return config.quick ? 3_000 : 25_000;
}
