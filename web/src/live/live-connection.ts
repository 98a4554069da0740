// One websocket to /api/live that keeps itself alive: resumes from the last seq seen after a drop,
// backs off with jitter, notices dead connections with app-level pings, and tells its owner when
// the cursor is unusable so the owner can reload over HTTP.
import type { LiveEvent, ServerMessage } from '../../../shared/live.ts';
import { LIVE_CLOSE } from '../../../shared/values/live.ts';
import { backoffDelayMs, RECONNECT } from '../browser/backoff.ts';

export type LiveStatus = 'live' | 'reconnecting' | 'offline';

export interface LiveSubscription {
  areas?: string[];
  problem?: number;
}

/** The part of WebSocket we use, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /** The server cannot resume from our cursor: reload over HTTP; events continue after `seq`. */
  onReset(seq: number): void;
  /** `resumed` is false on the very first welcome: the owner should load its state now. */
  onWelcome?(info: { seq: number; resumed: boolean }): void;
  onStatus(status: LiveStatus): void;
  /** The server closed us because our session or token ended (deactivated, signed out elsewhere): no reconnecting. */
  onAccessEnded?(): void;
}

export interface LiveOptions extends LiveHandlers {
  subscription?: LiveSubscription;
  createSocket?: (url: string) => SocketLike;
  baseUrl?: string;
  isOnline?: () => boolean;
  random?: () => number;
  pingEveryMs?: number;
  pongTimeoutMs?: number;
}

const OPEN = 1;

export function defaultLiveUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/live`;
}

export class LiveConnection {
  private socket: SocketLike | null = null;
  private lastSeq: number | null = null;
  private failures = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private status: LiveStatus | null = null;
  private subscription: LiveSubscription | undefined;

  constructor(private readonly options: LiveOptions) {
    this.subscription = options.subscription;
  }

  get seq(): number | null {
    return this.lastSeq;
  }

  /** `since`: resume after this seq (that of a snapshot already loaded), as after a drop; otherwise start from now. */
  start(since?: number): void {
    if (since !== undefined) this.lastSeq = since;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.dropSocket();
  }

  /** Skip the wait: the network came back or the tab became visible again. */
  reconnectNow(): void {
    if (this.stopped || this.socket) return;
    this.failures = 0;
    this.connect();
  }

  /** The browser says the network is gone; a dead socket would otherwise linger until a ping fails. */
  wentOffline(): void {
    if (this.stopped) return;
    this.dropSocket();
    this.clearTimers();
    this.setStatus('offline');
    this.scheduleReconnect();
  }

  setSubscription(subscription: LiveSubscription | undefined): void {
    this.subscription = subscription;
    if (this.socket?.readyState === OPEN) this.sendSubscription();
  }

  private connect(): void {
    this.clearTimers();
    if (this.options.isOnline && !this.options.isOnline()) {
      this.setStatus('offline');
      this.failures += 1;
      this.scheduleReconnect();
      return;
    }
    if (this.status !== 'live') this.setStatus('reconnecting');
    const base = this.options.baseUrl ?? defaultLiveUrl();
    const url = this.lastSeq === null ? base : `${base}?since=${this.lastSeq}`;
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike))(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message) => this.receive(socket, message.data);
    socket.onclose = (event) => this.closed(socket, (event as { code?: number } | null)?.code);
    socket.onerror = () => socket.close();
    socket.onopen = () => this.startPinging(socket);
  }

  private receive(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket || typeof data !== 'string') return;
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'welcome': {
        const resumed = this.lastSeq !== null;
        if (!resumed) this.lastSeq = message.seq;
        this.failures = 0;
        if (this.subscription) this.sendSubscription();
        this.setStatus('live');
        this.options.onWelcome?.({ seq: message.seq, resumed });
        break;
      }
      case 'event':
        if (this.lastSeq !== null && message.seq <= this.lastSeq) return;
        this.lastSeq = message.seq;
        this.options.onEvent(message);
        break;
      case 'reset':
        this.lastSeq = message.seq;
        this.options.onReset(message.seq);
        break;
      default:
        break;
    }
  }

  private closed(socket: SocketLike, code: number | undefined): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    if (code === LIVE_CLOSE.accessEnded) {
      this.stopped = true;
      this.setStatus('offline');
      this.options.onAccessEnded?.();
      return;
    }
    this.failures += 1;
    this.setStatus(this.options.isOnline && !this.options.isOnline() ? 'offline' : 'reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const delay = backoffDelayMs(this.failures, RECONNECT, this.options.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  // The server pings at protocol level, but browsers hide those frames; our own ping tells us when a
  // connection died silently (a laptop lid closed, a proxy dropped it) so we can reconnect.
  private startPinging(socket: SocketLike): void {
    const every = this.options.pingEveryMs ?? 25_000;
    const timeout = this.options.pongTimeoutMs ?? 10_000;
    this.pingTimer = setInterval(() => {
      if (socket !== this.socket || socket.readyState !== OPEN) return;
      socket.send(JSON.stringify({ type: 'ping' }));
      if (!this.pongTimer) this.pongTimer = setTimeout(() => socket.close(), timeout);
    }, every);
  }

  private sendSubscription(): void {
    const sub = this.subscription ?? {};
    const message: Record<string, unknown> = { type: 'subscribe' };
    if (sub.areas) message.areas = sub.areas;
    if (sub.problem !== undefined) message.problem = sub.problem;
    this.socket?.send(JSON.stringify(message));
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      socket.close(1000, 'bye');
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.reconnectTimer = this.pingTimer = this.pongTimer = null;
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }
}
