import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_CLOSE } from '../../shared/live.ts';
import { connect, range, startLiveApp, startReading, stopReading, within, type LiveApp } from './live-harness.ts';

let t: LiveApp;
afterEach(() => t.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The code a client sees when the server dropped the TCP connection without a closing handshake. */
const DROPPED = 1006;

describe('a client that stops reading', () => {
  it('is cut off once over 1 MiB piles up for it, while a fast client on the same server gets every event', async () => {
    t = await startLiveApp();
    const slow = await connect(t.url, { authorization: t.token });
    const fast = await connect(t.url, { authorization: t.token });
    stopReading(slow);

    // ~11 MB of events: more than the kernel's socket buffers can absorb for the stalled reader.
    await t.raise(600, { inFlight: 25, details: 'x'.repeat(19_000) });
    await fast.waitFor((c) => c.seqs().length === 600);
    expect(fast.seqs()).toEqual(range(1, 600));

    startReading(slow);
    const closed = await within(5_000, 'the slow reader being cut off', slow.closed);
    expect(closed.code).toBe(DROPPED);
    expect(slow.seqs().length).toBeLessThan(600);
  });
});

describe('the heartbeat', () => {
  it('drops a peer that stopped answering pings, and keeps a live one', async () => {
    t = await startLiveApp({ heartbeatIntervalMs: 100 });
    const dead = await connect(t.url, { authorization: t.token });
    const alive = await connect(t.url, { authorization: t.token });
    stopReading(dead); // it can neither see pings nor answer them

    await sleep(600);
    startReading(dead);
    expect((await within(2_000, 'the dead peer being dropped', dead.closed)).code).toBe(DROPPED);

    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    await t.raise(1);
    await alive.waitFor((c) => c.seqs().length === 1);
  });
});

describe('shutting down', () => {
  it('closes every connection with 1001 so clients reconnect, without waiting on a stalled one', async () => {
    t = await startLiveApp({ closeGraceMs: 300 });
    const reading = await connect(t.url, { authorization: t.token });
    const catchingUp = await connect(t.url, { authorization: t.token }, '?since=0');
    const stalled = await connect(t.url, { authorization: t.token });
    stopReading(stalled); // will never answer the closing handshake

    await within(3_000, 'app.close()', t.close());
    expect(await reading.closed).toMatchObject({ code: LIVE_CLOSE.goingAway });
    expect(await catchingUp.closed).toMatchObject({ code: LIVE_CLOSE.goingAway });
  });

  it('closes promptly with no one connected', async () => {
    t = await startLiveApp();
    await within(1_000, 'app.close()', t.close());
  });
});
