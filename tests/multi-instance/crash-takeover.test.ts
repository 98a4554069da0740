import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProblemEvent } from '../../shared/live.ts';
import { setUpWithToken, type ServerProcess } from '../helpers/server-process.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { connect, range, type LiveClient } from '../live/live-harness.ts';
import { allProblems, describeSeveralInstances, instanceGroup, liveUrl, pull, type Pulled } from './instances.ts';

describeSeveralInstances('an instance killed in the middle of a burst of idempotent pulls', () => {
  const PULLS = 300;
  const group = instanceGroup();
  let drop = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let auth: string;
  let onB: LiveClient | undefined;

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    a = await group.start(database.url);
    b = await group.start(database.url);
    auth = await setUpWithToken(a.url);
  });
  afterAll(async () => {
    onB?.ws.terminate();
    await group.killAll();
    await drop();
  });

  it('loses nothing acknowledged and creates nothing twice when every pull A did not answer is retried on B with its key', async () => {
    onB = await connect(liveUrl(b.url), { authorization: auth });
    const from = (onB.messages[0] as { seq: number }).seq;
    const title = (i: number) => `takeover ${i}`;
    const key = (i: number) => `takeover-${i}`;

    const acknowledged = new Map<number, Pulled>(); // pull index → its answer
    const unansweredByA: number[] = [];
    const failedOnB: string[] = [];
    let answeredByA = 0;
    let killed = false;
    // Half to each instance, all in flight at once; A dies once a fifth of its share is answered.
    await Promise.all(range(0, PULLS - 1).map(async (i) => {
      const server = i % 2 === 0 ? a : b;
      try {
        acknowledged.set(i, await pull(server.url, auth, title(i), key(i)));
        if (server !== a) return;
        answeredByA++;
        if (!killed && answeredByA >= PULLS / 10) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      } catch (error) {
        if (server === a) unansweredByA.push(i);
        else failedOnB.push(`${i}: ${(error as Error).message}`);
      }
    }));
    expect(await a.exited).toBe('SIGKILL');
    expect(failedOnB).toEqual([]); // B kept serving while A died
    expect(unansweredByA.length).toBeGreaterThan(0); // A really died mid-burst

    for (const i of unansweredByA) acknowledged.set(i, await pull(b.url, auth, title(i), key(i)));

    const problems = await allProblems(b.url, auth);
    const titles = problems.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length); // nothing twice
    expect(titles.sort()).toEqual(range(0, PULLS - 1).map(title).sort()); // every pull once
    // Numbers stay unique and gap-free: a transaction A never committed left no hole behind.
    expect(problems.map((p) => p.number).sort((x, y) => x - y)).toEqual(range(1, PULLS));
    const titleByNumber = new Map(problems.map((p) => [p.number, p.title]));
    for (const [i, answer] of acknowledged) expect(titleByNumber.get(answer.number)).toBe(title(i));

    // B's board saw each pull once, whichever instance committed it, with no gap in the seqs.
    await onB.waitFor((c) => c.seqs().length >= PULLS, 30_000);
    const raised = onB.messages.filter((m): m is ProblemEvent => m.type === 'event');
    expect(raised.map((e) => e.seq)).toEqual(range(from + 1, from + PULLS));
    expect(raised.map((e) => e.data.number).sort((x, y) => x - y)).toEqual(range(1, PULLS));
  }, 120_000);
});
