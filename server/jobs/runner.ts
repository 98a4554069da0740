import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database, Tx } from '../db/client.ts';
import { completeJob, leaseDueJobs, retryJob, scheduleJob, type JobRow } from './store.ts';

export const JOB_LEASE_MS = 60_000;
const CLAIM_BATCH = 20;
const POLL_MS_DEFAULT = 1_000;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 3_600_000;

/** What a kind of job does. It runs inside the transaction that completes the job. */
export type JobHandler = (tx: Tx, payload: unknown, job: JobRow) => Promise<void>;

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface JobRunnerOptions {
  clock: Clock;
  pollMs?: number;
  logError?: (error: unknown, message: string) => void;
}

/**
 * Runs due jobs on any instance, each exactly once: a job is leased, then its work and its removal
 * commit together only if the lease is still this instance's. If the instance dies holding it, the
 * lease runs out and another instance (or this one after a restart) does the job instead.
 */
export function createJobRunner(db: Database, handlers: Partial<Record<string, JobHandler>>, options: JobRunnerOptions) {
  const owner = randomUUID();
  const { clock } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function runOne(job: JobRow): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      await db.transaction(async (tx) => {
        if (!(await completeJob(tx, job, owner))) throw new LeaseLostError(`job ${job.id} was taken over`);
        await handler(tx, JSON.parse(job.payload), job);
      });
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      options.logError?.(error, `job ${job.kind} failed (attempt ${job.attempts})`);
      const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (job.attempts - 1));
      await db.transaction((tx) => retryJob(tx, job, owner, clock.now() + backoff, String(error))).catch((err: unknown) =>
        options.logError?.(err, 'could not reschedule a failed job'),
      );
    }
  }

  async function runDueOnce(): Promise<number> {
    const now = clock.now();
    const leased = await db.transaction((tx) => leaseDueJobs(tx, owner, now, now + JOB_LEASE_MS, CLAIM_BATCH));
    for (const job of leased) await runOne(job);
    return leased.length;
  }

  return {
    /** Runs every job due now (also ones that come due while it runs); answers how many ran. */
    async runDue(): Promise<number> {
      while (running) await running;
      let total = 0;
      for (;;) {
        running = runDueOnce();
        try {
          const count = await running;
          total += count;
          if (count < CLAIM_BATCH) return total;
        } finally {
          running = null;
        }
      }
    },

    schedule(tx: Tx, job: { kind: string; key: string; payload: unknown; dueAt: number }): Promise<boolean> {
      return scheduleJob(tx, { id: randomUUID(), ...job, payload: JSON.stringify(job.payload), createdAt: clock.now() });
    },

    start(): void {
      const tick = () => void this.runDue().catch((error: unknown) => options.logError?.(error, 'running jobs failed'));
      timer = setInterval(tick, options.pollMs ?? POLL_MS_DEFAULT);
      timer.unref();
      tick();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      while (running) await running.catch(() => {});
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
