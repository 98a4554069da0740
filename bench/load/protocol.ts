// IPC messages between the coordinator (bench/run.ts) and its load-generator processes.

export type FanoutCommand =
  | {
      cmd: 'connect';
      url: string;
      headers: Record<string, string>;
      count: number;
      concurrency: number;
      /** Bytes that precede the pull's index in the frame, e.g. `bench-<runid>-m-`. */
      marker: string;
      maxEvents: number;
      timeoutMs: number;
    }
  | { cmd: 'collect'; expected: number; timeoutMs: number }
  | { cmd: 'close' };

export type FanoutReport =
  | { type: 'ready' }
  | { type: 'connected'; connected: number; failed: number; firstError: string | null; elapsedMs: number }
  | {
      type: 'collected';
      clients: number;
      /** Per measured pull (by index): how many of this process's clients got it, and when the first and last did. */
      counts: number[];
      firstAt: number[];
      lastAt: number[];
      closedEarly: number;
      frameBytesMean: number;
      otherMessages: number;
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export type RaiseCommand = {
  cmd: 'run';
  host: string;
  port: number;
  path: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  headers: Record<string, string>;
  titlePrefix: string;
  details: string;
  /** When set, each request carries `Idempotency-Key: <prefix><i>`. */
  idempotencyPrefix: string | null;
};

export type RaiseReport =
  | { type: 'ready' }
  | {
      type: 'result';
      /** Answers that arrived inside the measured window. */
      completed: number;
      /** Latencies (send → full answer, ms) of the requests sent inside the measured window. */
      latencies: Float64Array;
      windowMs: number;
      statuses: Record<string, number>;
      errors: number;
      firstError: string | null;
      responseBytesMean: number;
    }
  | { type: 'error'; message: string };
