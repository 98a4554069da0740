import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVE_CLOSE, type ServerMessage } from '../../shared/live.ts';
import { CATCH_UP_HIGH_WATER_BYTES, RESUME_PAGE_SIZE } from './catch-up.ts';
import type { EventSource, FramedEvent } from './event-source.ts';
import { createHub, MAX_BUFFERED_BYTES, type Hub } from './hub.ts';
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

/** The events table in memory; `commit` appends and publishes as the after-commit hook does. */
function memoryEvents() {
  const rows: FramedEvent[] = [];
  let issued = 0;
  const source: EventSource = {
    bounds: () => ({ oldest: rows[0]?.seq ?? issued + 1, newest: issued }),
    after: (afterSeq, limit) => rows.filter((r) => r.seq > afterSeq).slice(0, limit),
  };
  return {
    source,
    commit(hub: Hub | null, count = 1, areaSlug = 'general', problemNumber = 1): void {
      for (let i = 0; i < count; i++) {
        issued += 1;
        const event = { seq: issued, areaSlug, previousAreaSlug: null, problemNumber, frame: `{"type":"event","seq":${issued}}` };
        rows.push(event);
        hub?.broadcast(event);
      }
    },
    pruneThrough(seq: number): void {
      while (rows.length > 0 && rows[0].seq <= seq) rows.shift();
    },
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

let hub: Hub | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await hub?.close(0);
  hub = null;
});

describe('broadcasting', () => {
  it('serializes each event once: every follower gets the very same Buffer, as a text frame', () => {
    const events = memoryEvents();
    hub = createHub(events.source);
    const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const socket of sockets) hub.accept(socket);
    events.commit(hub);

    const frames = sockets.map((s) => s.sent[1]);
    expect(frames[0].data).toBeInstanceOf(Buffer);
    expect(frames[1].data).toBe(frames[0].data);
    expect(frames[2].data).toBe(frames[0].data);
    expect(frames.every((f) => f.binary === false)).toBe(true);
  });

  it('cuts off a follower with more than 1 MiB queued, and keeps sending to the others', () => {
    const events = memoryEvents();
    hub = createHub(events.source);
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    hub.accept(slow);
    hub.accept(fast);
    events.commit(hub);
    slow.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    events.commit(hub);
    events.commit(hub);

    expect(slow.terminated).toBe(true);
    expect(slow.seqs()).toEqual([1, 2]);
    expect(fast.seqs()).toEqual([1, 2, 3]);
  });
});

describe('catching up', () => {
  it('hands over to live with no gap and no duplicate while events are committed between pages', async () => {
    const events = memoryEvents();
    events.commit(null, RESUME_PAGE_SIZE * 2 + 34);
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    // Commit a few events at every turn of the loop while the client works through its pages.
    for (let turn = 0; turn < 10; turn++) {
      events.commit(hub, 7);
      await nextTurn();
    }
    events.commit(hub, 3);
    expect(socket.seqs()).toEqual(range(1, RESUME_PAGE_SIZE * 2 + 34 + 73));
  });

  it('waits for the kernel to take what is queued before sending more, then carries on without a gap', async () => {
    const events = memoryEvents();
    events.commit(null, 50);
    hub = createHub(events.source);
    const socket = new FakeSocket();
    socket.bufferedAmount = CATCH_UP_HIGH_WATER_BYTES;
    hub.accept(socket, 0);
    expect(socket.seqs()).toEqual([1]);

    events.commit(hub, 5); // committed while it waits: not sent live, it is still catching up
    expect(socket.seqs()).toEqual([1]);

    socket.bufferedAmount = 0;
    socket.flushCallbacks.shift()!();
    events.commit(hub, 2);
    expect(socket.seqs()).toEqual(range(1, 57));
  });

  it('sends a reset if events it still needed were pruned while it was catching up', async () => {
    const events = memoryEvents();
    events.commit(null, RESUME_PAGE_SIZE + 10);
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    events.pruneThrough(RESUME_PAGE_SIZE + 5);
    await nextTurn();
    expect(socket.messages().at(-1)).toEqual({ type: 'reset', seq: RESUME_PAGE_SIZE + 10, reason: 'cursor_too_old' });
    events.commit(hub);
    expect(socket.seqs().at(-1)).toBe(RESUME_PAGE_SIZE + 11);
  });

  it('drops the connection (it will reconnect and resume) when stored events cannot be read', () => {
    const events = memoryEvents();
    events.commit(null, 3);
    const logged: string[] = [];
    hub = createHub({ ...events.source, after: () => { throw new Error('disk I/O error'); } }, { logError: (_e, message) => logged.push(message) });
    const socket = new FakeSocket();
    hub.accept(socket, 0);
    expect(socket.terminated).toBe(true);
    expect(logged).toHaveLength(1);
    expect(hub.connectionCount).toBe(0);
  });

  it('applies the subscription to stored events too', () => {
    const events = memoryEvents();
    events.commit(null, 2, 'line-1');
    events.commit(null, 2, 'line-2');
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket);
    socket.receive({ type: 'subscribe', areas: ['line-2'] });
    socket.receive({ type: 'hello', protocol: 1, since: 0 });
    expect(socket.seqs()).toEqual([3, 4]);
  });
});

describe('hello', () => {
  it('resumes when nothing was sent yet, and ignores a repeat of the cursor it resumed from', () => {
    const events = memoryEvents();
    events.commit(null, 4);
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket, 1);
    socket.receive({ type: 'hello', protocol: 1, since: 1 });
    expect(socket.seqs()).toEqual([2, 3, 4]);
  });

  it('answers reset instead of rewinding once events have flowed', () => {
    const events = memoryEvents();
    events.commit(null, 4);
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket);
    events.commit(hub);
    socket.receive({ type: 'hello', protocol: 1, since: 2 });
    expect(socket.messages().at(-1)).toEqual({ type: 'reset', seq: 5, reason: 'resume_conflict' });
    events.commit(hub);
    expect(socket.seqs()).toEqual([5, 6]);
  });
});

describe('the heartbeat', () => {
  it('pings every interval and drops a connection that did not pong since the last ping', () => {
    vi.useFakeTimers();
    const events = memoryEvents();
    hub = createHub(events.source, { heartbeatIntervalMs: 1_000 });
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

  it('spreads the pings of many connections over the interval instead of sending them all at once', () => {
    vi.useFakeTimers();
    const events = memoryEvents();
    hub = createHub(events.source, { heartbeatIntervalMs: 25_000 });
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
    hub = createHub(events.source);
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
    hub = createHub(events.source);
    const socket = new FakeSocket();
    hub.accept(socket);
    const started = Date.now();
    const closing = hub.close(10_000);
    socket.gone();
    await closing;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
