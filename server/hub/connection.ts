import type { ServerMessage } from '../../shared/live.ts';
import { SOCKET_OPEN, type LiveSocket } from './live-socket.ts';
import { EVERYTHING, type Subscription } from './subscription.ts';

/** Sends text frames: `ws` would send a Buffer as binary otherwise. One shared object, no per-send allocation of ours. */
export const TEXT = { binary: false } as const;

/** What a connection was opened with: checked again when an `access.ended` event names it. */
export type Credential =
  | { kind: 'session'; userId: string; sessionHash: string }
  | { kind: 'token'; tokenId: string };

/** Identifies one catching-up run: a newer run (or a drop) replaces it, and the old one stops. */
export type CatchUp = Record<string, never>;

/**
 * One client. Kept deliberately small (an idle connection must cost about what a bare `ws`
 * connection costs): no request object, and no per-connection buffers, timers or listener closures.
 */
export class Connection {
  /** Highest seq this client was given (while catching up: read past). Nothing at or below it is ever sent. */
  lastSentSeq: number;
  /** Where the current unbroken stream began: the welcome's seq, the resume cursor, or a reset's seq. */
  streamStart: number;
  subscription: Subscription = EVERYTHING;
  /** Set while the connection reads from the events table; live broadcasts pass it by meanwhile. */
  catchUp: CatchUp | null = null;
  /** Cleared by each heartbeat ping, set again by the pong. */
  answeredPing = true;

  constructor(
    readonly socket: LiveSocket,
    seq: number,
    /** Which of the heartbeat's slices pings this connection. */
    readonly heartbeatSlice: number,
    /** Null for connections the hub never needs to check again (its own tests). */
    readonly credential: Credential | null = null,
  ) {
    this.lastSentSeq = seq;
    this.streamStart = seq;
  }

  get isOpen(): boolean {
    return this.socket.readyState === SOCKET_OPEN;
  }

  /** Control messages (welcome, reset, subscribed, pong): rare, so serialized per client. */
  sendMessage(message: Exclude<ServerMessage, { type: 'event' }>): void {
    if (this.isOpen) this.socket.send(JSON.stringify(message), TEXT);
  }
}
