import { Agent, request } from 'node:http';
import { now, sleepUntil } from './clock.ts';
import type { RunningServer } from './servers.ts';

export const PULL_DETAILS = 'Raised by the Andon bench: a steady stream of pulls to measure how fast the board hears about them.';

export interface PullOutcome {
  /** When the pull was scheduled to go out (shared clock): latency is measured from here. */
  scheduledAt: number;
  status: number;
  /** Scheduled → full HTTP response, ms. */
  responseMs: number;
  error: string | null;
}

function post(agent: Agent, server: RunningServer, body: string, key: string): Promise<{ status: number; error: string | null }> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent, host: server.host, port: server.port, method: 'POST', path: '/api/problems', timeout: 30_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key, ...server.authHeaders },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, error: null }));
        res.on('error', (error) => resolve({ status: res.statusCode ?? 0, error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end(body);
  });
}

/**
 * Sends `count` pulls at a steady `ratePerSec`, open loop: pull i is due at start + i/rate and goes out
 * then (or at once if the sender is late), never waiting for earlier answers. Titles are `<titlePrefix><i>`.
 */
export async function sendPulls(server: RunningServer, titlePrefix: string, ratePerSec: number, count: number): Promise<PullOutcome[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const interval = 1000 / ratePerSec;
  const start = now() + 50;
  const pending: Array<Promise<PullOutcome>> = [];
  try {
    for (let i = 0; i < count; i++) {
      const scheduledAt = start + i * interval;
      await sleepUntil(scheduledAt);
      const body = JSON.stringify({ title: `${titlePrefix}${i}`, details: PULL_DETAILS, level: 'help' });
      pending.push(post(agent, server, body, `${titlePrefix}${i}`).then(({ status, error }) => ({ scheduledAt, status, responseMs: now() - scheduledAt, error })));
    }
    return await Promise.all(pending);
  } finally {
    agent.destroy();
  }
}
