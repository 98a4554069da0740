import { request } from 'node:http';
import { connect } from 'node:net';

export interface PullAnswer {
  /** 0 when the connection failed or was cut before an answer came. */
  status: number;
  body: { number: number; title: string } | null;
}

export interface HeldPull {
  /** Sends the body the server is waiting for, and resolves with its answer. */
  finish(): Promise<PullAnswer>;
}

/**
 * Starts a pull and stops half-way: the server has the headers and has answered "100 Continue", so it
 * is handling this request, but its body is sent only when the test says. A pull held like this across
 * a SIGTERM is in flight by construction, without guessing how long a request takes.
 */
export function holdPull(url: string, authorization: string, body: object): Promise<HeldPull> {
  const payload = JSON.stringify(body);
  return new Promise((resolveHeld, rejectHeld) => {
    let received = false;
    const answer = new Promise<PullAnswer>((resolveAnswer) => {
      const req = request(`${url}/api/problems`, {
        method: 'POST',
        // Its own connection: a shared keep-alive socket would tie one pull's fate to another's.
        agent: false,
        headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), expect: '100-continue' },
      });
      req.on('continue', () => {
        received = true;
        resolveHeld({ finish: () => (req.end(payload), answer) });
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: res.statusCode === 201 ? (JSON.parse(text) as PullAnswer['body']) : null }));
        res.on('error', () => resolveAnswer({ status: 0, body: null }));
      });
      req.on('error', (error) => {
        if (!received) rejectHeld(new Error(`a held pull failed before the server took it: ${error.message}`));
        resolveAnswer({ status: 0, body: null });
      });
      req.flushHeaders();
    });
  });
}

/** Resolves once a new connection to the port is refused: the server has stopped listening (or is gone). */
export async function untilRefused(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`port ${port} still accepted connections after ${timeoutMs} ms`);
}
