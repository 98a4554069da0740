// A real listening app and real `ws` clients for the /api/live tests.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { ErrorBody } from '../../shared/errors.ts';
import type { ServerMessage } from '../../shared/live.ts';
import type { Problem } from '../../shared/problems.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { AnyDatabase } from '../../server/db/open.ts';
import { openTestDatabase } from '../helpers/test-database.ts';
import type { LiveSettings } from '../../server/hub/routes.ts';
import { ORIGIN, TEST_PASSWORD_COST, TestClock, createToken, setUpAdmin, type Caller } from '../helpers/app.ts';

export interface LiveApp {
  app: FastifyInstance;
  db: AnyDatabase;
  admin: Caller;
  clock: TestClock;
  /** `Bearer …` for an API token. */
  token: string;
  /** ws://127.0.0.1:<port>/api/live */
  url: string;
  /** Raises `count` problems through the API, `inFlight` at a time; answers their numbers. */
  raise(count: number, options?: { inFlight?: number; area?: string; details?: string }): Promise<number[]>;
  close(): Promise<void>;
}

export async function startLiveApp(live: LiveSettings = {}): Promise<LiveApp> {
  const config = loadConfig({ PUBLIC_URL: ORIGIN, ANDON_AUTH_RATE_LIMIT: '1000' });
  const database = await openTestDatabase();
  const db = database.db;
  const clock = new TestClock();
  const app = await buildApp({ config, db, clock, live: { closeGraceMs: 300, ...live }, runJobs: false, passwordCost: TEST_PASSWORD_COST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await setUpAdmin(app);
  const token = await createToken(admin);
  const { port } = app.server.address() as AddressInfo;

  async function raiseOne(area: string | undefined, details: string | undefined, i: number): Promise<number> {
    const response = await app.inject({
      method: 'POST', url: '/api/problems', headers: { authorization: token },
      payload: { title: `problem ${i}`, ...(area ? { area } : {}), ...(details ? { details } : {}) },
    });
    if (response.statusCode !== 201) throw new Error(`raise failed: ${response.statusCode} ${response.body}`);
    return response.json<Problem>().number;
  }

  let closed = false;
  return {
    app, db, admin, clock, token, url: `ws://127.0.0.1:${port}/api/live`,
    async raise(count, { inFlight = 50, area, details } = {}) {
      const numbers: number[] = [];
      for (let start = 0; start < count; start += inFlight) {
        const batch = Array.from({ length: Math.min(inFlight, count - start) }, (_, i) => raiseOne(area, details, start + i));
        numbers.push(...(await Promise.all(batch)));
      }
      return numbers;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await database.close();
    },
  };
}

export interface LiveClient {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Seqs of the `event` frames received so far, in arrival order. */
  seqs(): number[];
  /** Resolves once `predicate` holds for what has arrived (checked on every message). */
  waitFor(predicate: (client: LiveClient) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the close code and reason once the connection is gone. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

/** Opens a live connection and resolves once the server has welcomed it. */
export function connect(url: string, headers: Record<string, string>, query = ''): Promise<LiveClient> {
  const ws = new WebSocket(url + query, { headers });
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const client: LiveClient = {
    ws,
    messages,
    seqs: () => messages.flatMap((m) => (m.type === 'event' ? [m.seq] : [])),
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(client)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; got ${messages.length} messages, last ${JSON.stringify(messages.at(-1) ?? null).slice(0, 200)}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(client)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    closed: new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
  ws.on('error', () => {});
  ws.on('message', (data) => {
    // With ws's default binaryType, a message is one Buffer.
    messages.push(JSON.parse((data as Buffer).toString()) as ServerMessage);
    for (const check of [...waiters]) check();
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    ws.once('close', () => reject(new Error('closed before welcome')));
    void client.waitFor((c) => c.messages.length > 0).then(() => resolve(client), reject);
  });
}

export interface RefusedUpgrade {
  status: number;
  /** The error envelope the server answered with. */
  body: ErrorBody;
  /** Resolves when the server has ended the TCP connection (the client keeps its end open). */
  hungUp: Promise<void>;
}

/** Tries to upgrade and answers the HTTP refusal the server sent instead. */
export function refusedUpgrade(url: string, headers: Record<string, string>): Promise<RefusedUpgrade> {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    // With this listener, `ws` leaves the connection to us: it does not hang up itself.
    ws.once('unexpected-response', (request, response) => {
      const hungUp = new Promise<void>((done) => request.socket?.once('close', () => done()));
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) as ErrorBody, hungUp });
        } catch (error) {
          reject(new Error(`the refusal is not the JSON error envelope: ${body.slice(0, 200)}`, { cause: error }));
        }
      });
    });
  });
}

/** Stops reading from the socket, as a stalled or dead peer would: no data read, no pong sent. */
export function stopReading(client: LiveClient): void {
  (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

export function startReading(client: LiveClient): void {
  (client.ws as unknown as { _socket: { resume(): void } })._socket.resume();
}

/** Fails with `what` if `promise` has not settled within `ms`: a clear failure instead of a test timeout. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
