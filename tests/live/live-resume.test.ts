import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_PROTOCOL, type ServerMessage } from '../../shared/live.ts';
import type { ProblemList } from '../../shared/problems.ts';
import { newestEventSeq, pruneEventsBefore } from '../../server/events/store.ts';
import { connect, range, startLiveApp, type LiveApp } from './live-harness.ts';

let t: LiveApp;
let auth: Record<string, string>;
beforeEach(async () => {
  // Keep one recent event in memory, so resuming reads the table and hands over to live (the hard part).
  t = await startLiveApp({ recentEvents: 1 });
  auth = { authorization: t.token };
});
afterEach(() => t.close());


describe('resuming after a drop', () => {
  it('loses and repeats nothing when a client drops in the middle of a burst of 1,000 events and resumes', async () => {
    const first = await connect(t.url, auth);
    const beforeDrop: number[] = [];
    let newestAtDrop: Promise<number> = Promise.resolve(Infinity);
    const dropped = new Promise<void>((resolve) => {
      first.ws.on('message', (data) => {
        const message = JSON.parse((data as Buffer).toString()) as ServerMessage;
        if (message.type !== 'event' || beforeDrop.length === 400) return;
        beforeDrop.push(message.seq);
        if (beforeDrop.length === 400) {
          newestAtDrop = newestEventSeq(t.db);
          first.ws.terminate();
          resolve();
        }
      });
    });

    const burst = t.raise(1000, { inFlight: 20 });
    await dropped;
    const second = await connect(t.url, auth, `?since=${beforeDrop.at(-1)}`);
    await burst;
    await second.waitFor((c) => c.seqs().at(-1) === 1000, 60_000);

    expect(await newestAtDrop).toBeLessThan(1000); // the drop really happened mid-burst
    expect([...beforeDrop, ...second.seqs()]).toEqual(range(1, 1000));
    second.ws.close();
  }, 90_000);

  it('hands over from stored events to live ones without a gap while events keep being written', async () => {
    // More than two pages of stored events, and more written while the client reads them.
    await t.raise(1100, { inFlight: 100 });
    const writing = t.raise(300, { inFlight: 10 });
    const client = await connect(t.url, auth, '?since=0');
    await writing;
    await client.waitFor((c) => c.seqs().length >= 1400, 60_000);

    expect(client.messages[0]).toMatchObject({ type: 'welcome', protocol: LIVE_PROTOCOL });
    const welcomeSeq = (client.messages[0] as { seq: number }).seq;
    expect(welcomeSeq).toBeLessThan(1400); // some events were committed after the client connected
    expect(client.seqs()).toEqual(range(1, 1400));
    client.ws.close();
  }, 90_000);

  it('sends a stored event exactly as it was sent live', async () => {
    const live = await connect(t.url, auth);
    await t.raise(2);
    await live.waitFor((c) => c.seqs().length === 2);
    const resumed = await connect(t.url, auth, '?since=0');
    await resumed.waitFor((c) => c.seqs().length === 2);
    expect(resumed.messages.slice(1)).toEqual(live.messages.slice(1));
    live.ws.close();
    resumed.ws.close();
  });

  it('resumes from a hello message as it does from ?since', async () => {
    await t.raise(5);
    const client = await connect(t.url, auth);
    client.send({ type: 'hello', protocol: LIVE_PROTOCOL, since: 2 });
    await client.waitFor((c) => c.seqs().length === 3);
    await t.raise(1);
    await client.waitFor((c) => c.seqs().length === 4);
    expect(client.seqs()).toEqual([3, 4, 5, 6]);
    client.ws.close();
  });

  it('sends nothing old to a client resuming from the newest seq, then live events', async () => {
    await t.raise(3);
    const client = await connect(t.url, auth, '?since=3');
    await t.raise(1);
    await client.waitFor((c) => c.seqs().length === 1);
    expect(client.messages.map((m) => m.type)).toEqual(['welcome', 'event']);
    expect(client.seqs()).toEqual([4]);
    client.ws.close();
  });
});

describe('from a problem list to the live connection', () => {
  it('misses no pull when the live connection resumes from the seq a list of problems was read at, while pulls keep coming', async () => {
    const writing = t.raise(200, { inFlight: 4 });
    // Read the list in the middle of the writing, as a board loading on a busy floor does.
    await t.raise(1);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/problems?status=open&limit=200', headers: auth })).json<ProblemList>();
    expect(listed.seq).toBeGreaterThan(0);
    const client = await connect(t.url, auth, `?since=${listed.seq}`);
    await writing;
    const newest = await newestEventSeq(t.db);
    await client.waitFor((c) => c.seqs().at(-1) === newest, 30_000);

    const replayed = client.messages.flatMap((m) => (m.type === 'event' && m.name === 'problem.raised' ? [m.data.number] : []));
    // Nothing at or before the list's seq comes again, and the list and what came after it hold every pull.
    expect(Math.min(...client.seqs())).toBe(listed.seq + 1);
    expect(new Set([...listed.items.map((p) => p.number), ...replayed])).toEqual(new Set(range(1, 201)));
    expect(replayed.length).toBeGreaterThan(0); // some pulls were committed after the list was read
    client.ws.close();
  }, 60_000);
});

describe('cursors the server cannot resume from', () => {
  async function resetFor(since: number) {
    const client = await connect(t.url, auth, `?since=${since}`);
    await client.waitFor((c) => c.messages.length >= 2);
    return client;
  }

  it('answers reset when the events after the cursor were pruned, then streams live from the newest', async () => {
    await t.raise(2);
    // Nine days on, events 1 and 2 are older than the retention window; the hourly job prunes them.
    t.clock.advance(9 * 86_400_000);
    await t.raise(3);
    await t.app.jobs.runDue();

    const tooOld = await resetFor(1);
    expect(tooOld.messages[1]).toEqual({ type: 'reset', seq: 5, reason: 'cursor_too_old' });
    const justKept = await resetFor(2);
    expect(justKept.messages[1]).toMatchObject({ type: 'event', seq: 3 });

    await t.raise(1);
    await tooOld.waitFor((c) => c.seqs().length === 1);
    expect(tooOld.seqs()).toEqual([6]);
    tooOld.ws.close();
    justKept.ws.close();
  });

  it('answers reset when everything was pruned and the cursor is older than the last seq', async () => {
    await t.raise(4);
    await t.db.transaction((tx) => pruneEventsBefore(tx, Date.now() + 1));
    expect((await resetFor(2)).messages[1]).toEqual({ type: 'reset', seq: 4, reason: 'cursor_too_old' });
  });

  it('answers reset for a cursor ahead of the newest event, then streams live events after the newest', async () => {
    await t.raise(3);
    const client = await resetFor(50);
    expect(client.messages[1]).toEqual({ type: 'reset', seq: 3, reason: 'cursor_ahead' });
    await t.raise(1);
    await client.waitFor((c) => c.seqs().length === 1);
    expect(client.seqs()).toEqual([4]);
    client.ws.close();
  });

  it('keeps a reset client\'s connection open', async () => {
    const client = await resetFor(7);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });
});
