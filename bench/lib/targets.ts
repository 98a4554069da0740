// The targets each comparison is judged against (bench/README.md says where each comes from).
export const TARGETS = {
  /** Andon fan-out p99 at most this many times the bare ws server's. */
  fanoutP99: 1.25,
  /** Andon RSS per 1,000 idle connections at most this many times the bare ws server's. */
  memoryPer1000: 1.2,
  /** Andon durable raises at least this share of a hello-world route's requests per second. */
  raisesThroughput: 0.5,
  /** Fan-out p99 with the boards on another instance at most this many times one instance's (issue 8). */
  crossInstanceP99: 1.5,
  /** Durable raises on PostgreSQL at least this share of SQLite's (issue 8). */
  postgresRaises: 0.5,
  /** SQLite durable raises after the async data layer at least this share of before it: "not slower than noise" (issue 8). */
  groupCommitNewOverOld: 0.95,
} as const;

export type Verdict = 'MET' | 'MISSED' | 'N/A';

export function verdict(value: number, target: number, atMost: boolean): Verdict {
  if (!Number.isFinite(value)) return 'N/A';
  return (atMost ? value <= target : value >= target) ? 'MET' : 'MISSED';
}
