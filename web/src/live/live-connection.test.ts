import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemEvent } from '../../../shared/live.ts';
import { LIVE_CLOSE } from '../../../shared/values/live.ts';
import { LiveConnection, type LiveStatus, type SocketLike } from './live-connection.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    if (this.closed) return;
    this.closed = true;
    this.readyState = 3;
    this.onclose?.({ code });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const event = (seq: number, number = seq): ProblemEvent => ({
  type: 'event',
  seq,
  name: 'problem.raised',
  at: '2025-01-01T00:00:00.000Z',
  data: {
    id: `p${number}`,
    number,
    title: 't',
    details: '',
    area: 'general',
    level: 'help',
    status: 'raised',
    raisedBy: { kind: 'user', id: 'u', name: 'Ada' },
    raisedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    history: [],
    swarm: [],
    lead: null,
    firstRespondedAt: null,
    escalation: { step: 0, round: 0, escalated: false, escalatedAt: null, nextAt: null, responseDueAt: '2025-01-01T00:05:00.000Z' },
    dedupKey: null,
    recurrenceOf: null,
    firingAlerts: null,
  },
});

function setup(subscription?: { problem?: number }) {
  const sockets: FakeSocket[] = [];
  const events: number[] = [];
  const resets: number[] = [];
  const welcomes: Array<{ seq: number; resumed: boolean }> = [];
  const statuses: LiveStatus[] = [];
  const accessEnded: number[] = [];
  let online = true;
  const connection = new LiveConnection({
    baseUrl: 'ws://test/api/live',
    subscription,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    isOnline: () => online,
    random: () => 1,
    onEvent: (e) => events.push(e.seq),
    onReset: (seq) => resets.push(seq),
    onWelcome: (w) => welcomes.push(w),
    onStatus: (s) => statuses.push(s),
    onAccessEnded: () => accessEnded.push(Date.now()),
  });
  return {
    accessEnded,
    connection,
    sockets,
    events,
    resets,
    welcomes,
    statuses,
    latest: () => sockets[sockets.length - 1],
    setOnline: (value: boolean) => (online = value),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LiveConnection', () => {
  it('starts from the seq a snapshot was read at: resumes after it, and its welcome is a resume', () => {
    const t = setup();
    t.connection.start(7);
    expect(t.latest().url).toBe('ws://test/api/live?since=7');
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 9 });
    t.latest().receive(event(8));
    t.latest().receive(event(9));
    expect(t.welcomes).toEqual([{ seq: 9, resumed: true }]);
    expect(t.events).toEqual([8, 9]);
    // After a drop it goes on from the last event it passed on, as any connection does.
    t.latest().close();
    vi.advanceTimersByTime(60_000);
    expect(t.latest().url).toBe('ws://test/api/live?since=9');
  });

  it('connects without a cursor, goes live on welcome and passes events on', () => {
    const t = setup();
    t.connection.start();
    expect(t.latest().url).toBe('ws://test/api/live');
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 10 });
    t.latest().receive(event(11));
    expect(t.statuses).toEqual(['reconnecting', 'live']);
    expect(t.welcomes).toEqual([{ seq: 10, resumed: false }]);
    expect(t.events).toEqual([11]);
  });

  it('sends its subscription after the welcome', () => {
    const t = setup({ problem: 42 });
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 0 });
    expect(t.latest().sent).toEqual([{ type: 'subscribe', problem: 42 }]);
  });

  it('stops reconnecting and says so when the server ends its access (4401)', () => {
    const t = setup();
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 3 });
    t.latest().close(LIVE_CLOSE.accessEnded);
    expect(t.accessEnded).toHaveLength(1);
    expect(t.statuses.at(-1)).toBe('offline');
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('resumes from the last seq after a drop, with a growing delay, and skips repeats', () => {
    const t = setup();
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 3 });
    t.latest().receive(event(4));
    t.latest().close();
    expect(t.statuses.at(-1)).toBe('reconnecting');
    expect(t.sockets).toHaveLength(1);

    vi.advanceTimersByTime(1_000);
    expect(t.sockets).toHaveLength(2);
    expect(t.latest().url).toBe('ws://test/api/live?since=4');
    t.latest().close();
    vi.advanceTimersByTime(1_999);
    expect(t.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(3);

    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 6 });
    t.latest().receive(event(4));
    t.latest().receive(event(5));
    t.latest().receive(event(6));
    expect(t.events).toEqual([4, 5, 6]);
    expect(t.welcomes.at(-1)).toEqual({ seq: 6, resumed: true });
    expect(t.statuses.at(-1)).toBe('live');
  });

  it('hands a reset to its owner and continues from the reset seq', () => {
    const t = setup();
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 100 });
    t.latest().receive({ type: 'reset', seq: 2, reason: 'cursor_ahead' });
    t.latest().receive(event(3));
    expect(t.resets).toEqual([2]);
    expect(t.events).toEqual([3]);
  });

  it('reconnects when a ping goes unanswered', () => {
    const t = setup();
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 0 });
    vi.advanceTimersByTime(25_000);
    expect(t.latest().sent).toContainEqual({ type: 'ping' });
    vi.advanceTimersByTime(10_000);
    expect(t.sockets[0].closed).toBe(true);
    expect(t.statuses.at(-1)).toBe('reconnecting');
  });

  it('says offline while the browser is offline and reconnects at once when it comes back', () => {
    const t = setup();
    t.connection.start();
    t.latest().open();
    t.latest().receive({ type: 'welcome', protocol: 1, seq: 0 });
    t.setOnline(false);
    t.connection.wentOffline();
    expect(t.statuses.at(-1)).toBe('offline');
    t.setOnline(true);
    t.connection.reconnectNow();
    expect(t.sockets).toHaveLength(2);
    expect(t.statuses.at(-1)).toBe('reconnecting');
  });

  it('stops for good', () => {
    const t = setup();
    t.connection.start();
    t.connection.stop();
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.sockets[0].closed).toBe(true);
  });
});
