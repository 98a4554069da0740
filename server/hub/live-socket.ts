// The part of a `ws` WebSocket the hub uses, so hub tests can hand in a fake.

export const SOCKET_OPEN = 1;

/** What `ws` hands a `message` listener: one Buffer for text and (default binaryType) binary frames. */
export type RawMessage = Buffer | ArrayBuffer | Buffer[];

export interface LiveSocket {
  readonly readyState: number;
  /** Bytes queued in user space, not yet handed to the kernel. */
  readonly bufferedAmount: number;
  /** `cb` runs once the data has been written out (or failed). */
  send(data: Buffer | string, options: { binary: boolean }, cb?: (error?: Error) => void): void;
  ping(): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void;
  /** Listeners are called with the socket as `this`, as Node's EventEmitter does. */
  on(event: 'message', listener: (this: LiveSocket, data: RawMessage, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'close' | 'error', listener: (this: LiveSocket) => void): unknown;
}
