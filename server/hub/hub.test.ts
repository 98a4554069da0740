import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVE_CLOSE, type ServerMessage } from '../../shared/live.ts';
import { CATCH_UP_HIGH_WATER_BYTES, RESUME_PAGE_SIZE } from './catch-up.ts';
import { createEventFeed, type EventFeed } from './event-feed.ts';
import type { EventSource, FramedEvent } from './event-source.ts';
import { createHub, MAX_BUFFERED_BYTES, type Hub, type HubOptions } from './hub.ts';
import type { LiveSocket } from './live-socket.ts';

class FakeSocket extends EventEmitter implements LiveSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Array<{ data: Buffer | string; binary: boolean }> = [];
  readonly flushCallbacks: Array<() => void> = [];
  pings = 0;
  closedWith: { code: number; reason: string } | null = null;
  terminated = false;

  send(data: Buffer | string, options: { binary: boolean }, cb?: () => void): void {
    this.sent.push({ data, binary: options.binary });
    if (cb) this.flushCallbacks.push(cb);
  }
  ping(): void {
    this.pings += 1;
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
    this.readyState = 2;
  }
  terminate(): void {
    this.terminated = true;
    this.gone();
  }
  /** The TCP connection is over, as `ws` reports it. */
  gone(): void {
    this.readyState = 3;
    this.emit('close');
  }
  receive(message: object): void {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
  messages(): ServerMessage[] {
    return this.sent.map((s) => JSON.parse(s.data.toString()) as ServerMessage);
  }
  seqs(): number[] {
    return this.messages().flatMap((m) => (m.type === 'event' ? [m.seq] : []));
  }
}

/** The events table in memory, and a feed following it as an instance's feed follows the real one. */
function memoryEvents() {
  const rows: FramedEvent[] = [];
  let issued = 0;
  const source: EventSource = {
    newest: async () => issued,
    after: async (afterSeq, limit) => rows.filter((r) => r.seq > afterSeq).slice(0, limit),
  };
  let feed: EventFeed | null = null;
  return {
    source,
    /** A hub on a feed that keeps `recentEvents` in memory (none: resumes read the table). */
    async hub(options: HubOptions & { recentEvents?: number; source?: EventSource } = {}): Promise<Hub> {
      feed = createEventFeed(options.source ?? source, { recentEvents: options.recentEvents ?? 0 });
      await feed.start();
      const created = createHub(feed, options.source ?? source, options);
      feed.subscribe((event) => created.broadcast(event));
      return created;
    },
    /** Appends events and offers them to the feed, as a commit on this instance does. */
    commit(count = 1, areaSlug = 'general', problemNumber = 1): void {
      for (let i = 0; i < count; i++) {
        issued += 1;
        const event = { seq: issued, name: 'problem.updated', areaSlug, previousAreaSlug: null, problemNumber, frame: `{"type":"event","seq":${issued}}` };
        rows.push(event);
        feed?.offer(event);
      }
    },
    /** Appends events committed by another instance: this one hears of them only when woken. */
    commitElsewhere(count = 1): void {
      for (let i = 0; i < count; i++) {
        issued += 1;
        rows.push({ seq: issued, name: 'problem.updated', areaSlug: 'general', previousAreaSlug: null, problemNumber: 1, frame: `{"type":"event","seq":${issued}}` });
      }
    },
    wake(): void {
      feed?.wake();
    },
    pruneThrough(seq: number): void {
      while (rows.length > 0 && rows[0].seq <= seq) rows.shift();
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets reads of the (in-memory) table and what follows them run. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await nextTurn();
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let hub: Hub | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await hub?.close(0);
  hub = null;
});

describe('broadcasting', () => {
  it('serializes each event once: every follower gets the very same Buffer, as a text frame', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const socket of sockets) hub.accept(socket);
    events.commit();

    const frames = sockets.map((s) => s.sent[1]);
    expect(frames[0].data).toBeInstanceOf(Buffer);
    expect(frames[1].data).toBe(frames[0].data);
    expect(frames[2].data).toBe(frames[0].data);
    expect(frames.every((f) => !f.binary)).toBe(true);
  });

  it('cuts off a follower with more than 1 MiB queued, and keeps sending to the others', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    hub.accept(slow);
    hub.accept(fast);
    events.commit();
    slow.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    events.commit();
    events.commit();

    expect(slow.terminated).toBe(true);
    expect(slow.seqs()).toEqual([1, 2]);
    expect(fast.seqs()).toEqual([1, 2, 3]);
  });
});

describe('catching up', () => {
  it('hands over to live with no gap and no duplicate while events are committed between pages', async () => {
    const events = memoryEvents();
    events.commit(RESUME_PAGE_SIZE * 2 + 34);
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    // Commit a few events at every turn of the loop while the client works through its pages.
    for (let turn = 0; turn < 10; turn++) {
      events.commit(7);
      await nextTurn();
    }
    events.commit(3);
    await settle();
    expect(socket.seqs()).toEqual(range(1, RESUME_PAGE_SIZE * 2 + 34 + 73));
  });

  it('waits for the kernel to take what is queued before sending more, then carries on without a gap', async () => {
    const events = memoryEvents();
    events.commit(50);
    hub = await events.hub();
    const socket = new FakeSocket();
    socket.bufferedAmount = CATCH_UP_HIGH_WATER_BYTES;
    hub.accept(socket, 0);
    await settle();
    expect(socket.seqs()).toEqual([1]);

    events.commit(5); // committed while it waits: not sent live, it is still catching up
    await settle();
    expect(socket.seqs()).toEqual([1]);

    socket.bufferedAmount = 0;
    socket.flushCallbacks.shift()!();
    await settle();
    events.commit(2);
    expect(socket.seqs()).toEqual(range(1, 57));
  });

  it('sends a reset if events it still needed were pruned while it was catching up', async () => {
    const events = memoryEvents();
    events.commit(RESUME_PAGE_SIZE + 10);
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    await nextTurn();
    events.pruneThrough(RESUME_PAGE_SIZE + 5);
    await settle();
    expect(socket.messages().at(-1)).toEqual({ type: 'reset', seq: RESUME_PAGE_SIZE + 10, reason: 'cursor_too_old' });
    events.commit();
    expect(socket.seqs().at(-1)).toBe(RESUME_PAGE_SIZE + 11);
  });

  it('drops the connection (it will reconnect and resume) when stored events cannot be read', async () => {
    const events = memoryEvents();
    events.commit(3);
    const logged: string[] = [];
    const failing: EventSource = { ...events.source, after: () => Promise.reject(new Error('disk I/O error')) };
    hub = await events.hub({ source: failing, logError: (_e, message) => logged.push(message) });
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    await settle();
    expect(socket.terminated).toBe(true);
    expect(logged).toHaveLength(1);
    expect(hub.connectionCount).toBe(0);
  });

  it('applies the subscription to stored events too', async () => {
    const events = memoryEvents();
    events.commit(2, 'line-1');
    events.commit(2, 'line-2');
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket);
    socket.receive({ type: 'subscribe', areas: ['line-2'] });
    socket.receive({ type: 'hello', protocol: 1, since: 0 });
    await settle();
    expect(socket.seqs()).toEqual([3, 4]);
  });
});

describe('following other instances', () => {
  it('streams events another instance committed once woken, in seq order, after this instance\'s own', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket);
    events.commit(1);
    events.commitElsewhere(2);
    events.commit(1); // seq 4 arrives before 2 and 3 were read: it waits for them
    expect(socket.seqs()).toEqual([1]);
    events.wake();
    await settle();
    expect(socket.seqs()).toEqual([1, 2, 3, 4]);
  });

  it('holds a client whose cursor came from an instance that is ahead, then resumes it without a gap', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    events.commitElsewhere(5);
    const socket = new FakeSocket();
    hub.accept(socket, 3); // seen on the other instance; this one has not read 1–5 yet
    await settle();
    events.commit(1);
    await settle();
    expect(socket.messages()[0]).toMatchObject({ type: 'welcome' });
    expect(socket.seqs()).toEqual([4, 5, 6]);
  });

  it('answers cursor_ahead for a cursor nobody has committed yet', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    events.commit(2);
    const socket = new FakeSocket();
    hub.accept(socket, 9);
    await settle();
    expect(socket.messages().at(-1)).toEqual({ type: 'reset', seq: 2, reason: 'cursor_ahead' });
  });

  it('serves a resume from the feed\'s recent events without reading the table', async () => {
    const events = memoryEvents();
    let reads = 0;
    const counting: EventSource = { ...events.source, after: (a, l) => ((reads += 1), events.source.after(a, l)) };
    hub = await events.hub({ source: counting, recentEvents: 100 });
    events.commit(5);
    const readsBefore = reads;
    const socket = new FakeSocket();
    hub.accept(socket, 2);
    expect(socket.seqs()).toEqual([3, 4, 5]);
    expect(reads).toBe(readsBefore);
  });
});

describe('hello', () => {
  it('resumes when nothing was sent yet, and ignores a repeat of the cursor it resumed from', async () => {
    const events = memoryEvents();
    events.commit(4);
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket, 1);
    socket.receive({ type: 'hello', protocol: 1, since: 1 });
    await settle();
    expect(socket.seqs()).toEqual([2, 3, 4]);
  });

  it('answers reset instead of rewinding once events have flowed', async () => {
    const events = memoryEvents();
    events.commit(4);
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket);
    events.commit();
    socket.receive({ type: 'hello', protocol: 1, since: 2 });
    expect(socket.messages().at(-1)).toEqual({ type: 'reset', seq: 5, reason: 'resume_conflict' });
    events.commit();
    expect(socket.seqs()).toEqual([5, 6]);
  });
});

describe('the heartbeat', () => {
  it('pings every interval and drops a connection that did not pong since the last ping', async () => {
    vi.useFakeTimers();
    const events = memoryEvents();
    hub = await events.hub({ heartbeatIntervalMs: 1_000 });
    const answering = new FakeSocket();
    const silent = new FakeSocket();
    hub.accept(answering);
    hub.accept(silent);

    for (let beat = 0; beat < 3; beat++) {
      vi.advanceTimersByTime(1_000);
      answering.emit('pong');
    }
    expect(silent.pings).toBe(1);
    expect(silent.terminated).toBe(true);
    expect(answering.pings).toBe(3);
    expect(answering.terminated).toBe(false);
    expect(hub.connectionCount).toBe(1);
  });

  it('spreads the pings of many connections over the interval instead of sending them all at once', async () => {
    vi.useFakeTimers();
    const events = memoryEvents();
    hub = await events.hub({ heartbeatIntervalMs: 25_000 });
    const sockets = Array.from({ length: 100 }, () => new FakeSocket());
    for (const socket of sockets) hub.accept(socket);
    const pinged = () => sockets.filter((s) => s.pings > 0).length;

    vi.advanceTimersByTime(1_000);
    expect(pinged()).toBe(4);
    vi.advanceTimersByTime(24_000);
    expect(pinged()).toBe(100);
    expect(sockets.every((s) => s.pings === 1)).toBe(true);
  });
});

describe('shutting down', () => {
  it('closes everyone with 1001, waits for them, and drops whoever does not answer in time', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    const polite = new FakeSocket();
    const stalled = new FakeSocket();
    hub.accept(polite);
    hub.accept(stalled);

    const closing = hub.close(50);
    expect(polite.closedWith?.code).toBe(LIVE_CLOSE.goingAway);
    expect(stalled.closedWith?.code).toBe(LIVE_CLOSE.goingAway);
    polite.gone();
    await closing;
    expect(stalled.terminated).toBe(true);
    expect(polite.terminated).toBe(false);

    const late = new FakeSocket();
    hub.accept(late);
    expect(late.closedWith?.code).toBe(LIVE_CLOSE.goingAway);
  });

  it('finishes as soon as the last client has gone', async () => {
    const events = memoryEvents();
    hub = await events.hub();
    const socket = new FakeSocket();
    hub.accept(socket);
    const closing = hub.close(10_000).then(() => 'closed');
    socket.gone();
    // Closed within the same few turns, long before the 10 s grace period could have run out.
    expect(await Promise.race([closing, settle().then(() => 'still waiting')])).toBe('closed');
  });
});
