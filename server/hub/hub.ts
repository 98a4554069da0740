import { ACCESS_ENDED, LIVE_CLOSE, LIVE_PROTOCOL, type AccessEnded, type ClientMessage, type ResetReason } from '../../shared/live.ts';
import { createCatchUp } from './catch-up.ts';
import { parseClientMessage } from './client-messages.ts';
import { Connection, TEXT, type CatchUp, type Credential } from './connection.ts';
import type { EventFeed } from './event-feed.ts';
import type { EventSource, FramedEvent } from './event-source.ts';
import type { LiveSocket, RawMessage } from './live-socket.ts';
import { follows, subscribedMessage, subscriptionOf } from './subscription.ts';

/** A live client that lets more than this pile up unsent is cut off; it resumes when it reconnects. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
export const HEARTBEAT_INTERVAL_MS_DEFAULT = 25_000;
export const CLOSE_GRACE_MS_DEFAULT = 1_000;
/** A cursor from another instance may be a moment ahead of this one's feed: wait this long for it. */
const AHEAD_WAIT_MS = 5_000;
/**
 * The heartbeat pings one slice of the connections per second rather than all at once: thousands of
 * pings and pongs in the same instant held up the broadcasts behind them by a few hundred ms.
 */
const HEARTBEAT_SLICE_MS = 1_000;

export interface HubOptions {
  /** How often to ping; a connection that has not ponged since the previous ping is dropped. */
  heartbeatIntervalMs?: number;
  /** Whether a connection's session or token still holds; asked when an `access.ended` event names it. */
  credentialHolds?: (credential: Credential) => Promise<boolean>;
  /** Where failures that are ours (not the client's) are reported. */
  logError?: (error: unknown, message: string) => void;
}

// `ws` ends the connection itself (with the right close code) after emitting an error.
function ignoreSocketError(): void {}

/**
 * Fans committed events out to websocket clients, in the order the feed hands them on. Knows
 * sockets only through `LiveSocket` and stored events only through `EventSource`, so it can be
 * tested without a server.
 */
export function createHub(feed: EventFeed, source: EventSource, options: HubOptions = {}) {
  // Keyed by socket so the socket listeners below can be shared by all connections (no closures per connection).
  const connections = new Map<LiveSocket, Connection>();
  /** Connections that get broadcasts: every open one that is not catching up. */
  const live = new Set<Connection>();
  let closing = false;
  let everyoneLeft: (() => void) | null = null;

  const catchUp = createCatchUp(source, feed, {
    caughtUp: (connection) => goLive(connection),
    lostCursor: (connection) => reset(connection, 'cursor_too_old', feed.head),
    failed: (connection, error) => {
      options.logError?.(error, 'live: reading stored events failed');
      cutOff(connection);
    },
  });

  function goLive(connection: Connection): void {
    connection.catchUp = null;
    live.add(connection);
  }

  function reset(connection: Connection, reason: ResetReason, newest: number): void {
    connection.lastSentSeq = newest;
    connection.streamStart = newest;
    connection.sendMessage({ type: 'reset', seq: newest, reason });
    goLive(connection);
  }

  function resume(connection: Connection, since: number): void {
    live.delete(connection);
    if (since <= feed.head) {
      catchUp.start(connection, since);
      return;
    }
    // Ahead of this instance's feed: a cursor from another instance, whose latest events this one
    // is about to read. Hold the client back until the feed has them, unless nobody committed them.
    const waiting: CatchUp = {};
    connection.catchUp = waiting;
    void (async () => {
      const committed = since <= (await source.newest().catch(() => 0)) && (await feed.reached(since, AHEAD_WAIT_MS));
      if (connection.catchUp !== waiting || !connection.isOpen) return;
      if (committed) catchUp.start(connection, since);
      else reset(connection, 'cursor_ahead', feed.head);
    })();
  }

  function drop(connection: Connection): void {
    connection.catchUp = null;
    live.delete(connection);
    connections.delete(connection.socket);
    if (connections.size === 0) everyoneLeft?.();
  }

  function cutOff(connection: Connection): void {
    drop(connection);
    connection.socket.terminate();
  }

  function hello(connection: Connection, since: number | undefined): void {
    if (since === undefined || since === connection.streamStart) return;
    const nothingSentYet = connection.catchUp === null && connection.lastSentSeq === connection.streamStart;
    if (nothingSentYet) return resume(connection, since);
    // Rewinding now would repeat or reorder events the client already has: let it refetch instead.
    reset(connection, 'resume_conflict', feed.head);
  }

  function handle(connection: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'hello':
        return hello(connection, message.since);
      case 'subscribe':
        connection.subscription = subscriptionOf(message);
        return connection.sendMessage(subscribedMessage(connection.subscription));
      case 'ping':
        return connection.sendMessage(message.nonce === undefined ? { type: 'pong' } : { type: 'pong', nonce: message.nonce });
    }
  }

  function receive(connection: Connection, data: RawMessage, isBinary: boolean): void {
    if (!connection.isOpen) return;
    const parsed = parseClientMessage(data, isBinary);
    if (parsed.ok) return handle(connection, parsed.message);
    // Still tracked until the socket is gone, so shutdown and the heartbeat can reap a peer that never answers the close.
    shut(connection, parsed.closeCode, parsed.reason);
  }

  // `ws` calls listeners with the socket as `this`.
  function onMessage(this: LiveSocket, data: RawMessage, isBinary: boolean): void {
    const connection = connections.get(this);
    if (connection) receive(connection, data, isBinary);
  }
  function onPong(this: LiveSocket): void {
    const connection = connections.get(this);
    if (connection) connection.answeredPing = true;
  }
  function onClose(this: LiveSocket): void {
    const connection = connections.get(this);
    if (connection) drop(connection);
  }

  function named(credential: Credential | null, ended: AccessEnded): boolean {
    if (credential === null) return false;
    if (credential.kind === 'session') return credential.userId === ended.userId;
    return ended.tokenIds?.includes(credential.tokenId) ?? false;
  }

  /** Closes (4401) the connections whose session or token ended; the client signs in again. */
  function endAccess(event: FramedEvent): void {
    const ended = (JSON.parse(event.frame) as { data: AccessEnded }).data;
    for (const connection of connections.values()) {
      const { credential } = connection;
      if (credential === null || !named(credential, ended)) continue;
      const holds = options.credentialHolds ? options.credentialHolds(credential) : Promise.resolve(false);
      void holds.then(
        (still) => {
          if (!still) shut(connection, LIVE_CLOSE.accessEnded, 'your session or token ended; sign in again');
        },
        (error: unknown) => {
          // Unsure: make it reconnect, which checks its session or token afresh.
          options.logError?.(error, 'live: checking a connection\'s access failed');
          shut(connection, LIVE_CLOSE.goingAway, 'reconnect');
        },
      );
    }
  }

  function shut(connection: Connection, code: number, reason: string): void {
    connection.catchUp = null;
    live.delete(connection);
    if (connection.isOpen) connection.socket.close(code, reason);
  }

  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS_DEFAULT;
  const heartbeatSlices = Math.max(1, Math.floor(heartbeatIntervalMs / HEARTBEAT_SLICE_MS));
  let nextSlice = 0;
  let slicesAssigned = 0;
  function heartbeat(): void {
    const slice = nextSlice;
    nextSlice = (nextSlice + 1) % heartbeatSlices;
    for (const connection of connections.values()) {
      if (connection.heartbeatSlice !== slice) continue;
      if (!connection.answeredPing) {
        cutOff(connection);
        continue;
      }
      connection.answeredPing = false;
      if (connection.isOpen) connection.socket.ping();
    }
  }
  const heartbeatTimer = setInterval(heartbeat, heartbeatIntervalMs / heartbeatSlices);
  heartbeatTimer.unref();

  return {
    /** Takes over an open socket; `since` (already validated) resumes after that seq. Synchronous on purpose. */
    accept(socket: LiveSocket, since?: number, credential: Credential | null = null): void {
      // Listeners first: a client may speak as soon as the handshake is done.
      socket.on('message', onMessage);
      socket.on('pong', onPong);
      socket.on('close', onClose);
      socket.on('error', ignoreSocketError);
      if (closing) return socket.close(LIVE_CLOSE.goingAway, 'server is shutting down');

      const newest = feed.head;
      const connection = new Connection(socket, newest, slicesAssigned++ % heartbeatSlices, credential);
      connections.set(socket, connection);
      connection.sendMessage({ type: 'welcome', protocol: LIVE_PROTOCOL, seq: newest });
      if (since === undefined) goLive(connection);
      else resume(connection, since);
    },

    /** Sends one committed event to every live follower: serialized once, the same Buffer for all. */
    broadcast(event: FramedEvent): void {
      if (event.name === ACCESS_ENDED) return endAccess(event);
      if (live.size === 0) return;
      let frame: Buffer | undefined;
      for (const connection of live) {
        if (event.seq <= connection.lastSentSeq || !follows(connection.subscription, event) || !connection.isOpen) continue;
        const socket = connection.socket;
        frame ??= Buffer.from(event.frame);
        socket.send(frame, TEXT);
        connection.lastSentSeq = event.seq;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) cutOff(connection);
      }
    },

    get connectionCount(): number {
      return connections.size;
    },

    /**
     * Closes every connection with 1001 (clients reconnect, to this server once it is back or to
     * another), waits up to `graceMs` for closing handshakes, then drops whoever is left.
     */
    async close(graceMs = CLOSE_GRACE_MS_DEFAULT): Promise<void> {
      closing = true;
      clearInterval(heartbeatTimer);
      live.clear();
      if (connections.size === 0) return;
      for (const connection of connections.values()) {
        connection.catchUp = null;
        connection.socket.close(LIVE_CLOSE.goingAway, 'server is shutting down; reconnect');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        everyoneLeft = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      for (const connection of [...connections.values()]) cutOff(connection);
    },
  };
}

export type Hub = ReturnType<typeof createHub>;
