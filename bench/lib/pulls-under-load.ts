// What other work costs the pulls: the same open-loop stream of pulls against a server alone, and
// again while something else keeps it busy (people typing suggestions, leads asking for the flow
// report). Used by the learnings and the flow phases.
import { Agent, request } from 'node:http';
import { now } from './clock.ts';
import { sendPulls, type PullOutcome } from './pulls.ts';
import type { RunningServer } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

/** GET `url` with the server's auth headers; answers its time in ms, rejects unless it answered 200. */
export function get(agent: Agent, server: RunningServer, url: string): Promise<number> {
  const started = now();
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: server.host, port: server.port, path: url, headers: server.authHeaders, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(now() - started) : reject(new Error(`GET ${url} answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export interface PullsUnderLoad<T> {
  alone: Summary;
  underLoad: Summary;
  /** Pulls that did not answer 201 (on an overloaded machine: timed out after 30 s); counted at the time they gave up. */
  failed: { alone: number; underLoad: number };
  /** What `load` answered once the pulls under it were done. */
  load: T;
}

/**
 * `count` pulls at `ratePerSec` (open loop) alone; then as many again while `load` runs, which must
 * stop once `busy()` turns false (when the last of those pulls has answered).
 */
export async function pullsAloneAndUnderLoad<T>(
  server: RunningServer, titlePrefix: string, pulls: { ratePerSec: number; count: number }, load: (busy: () => boolean) => Promise<T>,
): Promise<PullsUnderLoad<T>> {
  const alone = await sendPulls(server, `${titlePrefix}alone-`, pulls.ratePerSec, pulls.count);
  let pulling = true;
  const loading = load(() => pulling);
  const underLoad = await sendPulls(server, `${titlePrefix}under-load-`, pulls.ratePerSec, pulls.count).finally(() => { pulling = false; });
  const failed = (outcomes: PullOutcome[]) => outcomes.filter((p) => p.status !== 201).length;
  return {
    alone: summarize(alone.map((p) => p.responseMs)),
    underLoad: summarize(underLoad.map((p) => p.responseMs)),
    failed: { alone: failed(alone), underLoad: failed(underLoad) },
    load: await loading,
  };
}
