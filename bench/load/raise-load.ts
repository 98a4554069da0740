// Closed-loop HTTP/1.1 load over raw keep-alive sockets: each connection sends one POST, waits for the
// whole response, sends the next. A hand-rolled client because Node's http client would be the bottleneck
// against a hello-world server on a 2-core machine (undici/autocannon are not installed).
import { connect, type Socket } from 'node:net';
import { now, sleep } from '../lib/clock.ts';
import type { RaiseCommand, RaiseReport } from './protocol.ts';

const send = (report: RaiseReport) => process.send!(report);
process.on('disconnect', () => process.exit(0));

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_ERRORS = 10_000;

async function run(command: RaiseCommand): Promise<void> {
  const fixedHeaders = Object.entries(command.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const head = `POST ${command.path} HTTP/1.1\r\nHost: ${command.host}:${command.port}\r\nContent-Type: application/json\r\n${fixedHeaders}`;
  const details = JSON.stringify(command.details);

  let sequence = 0;
  const started = now();
  const measureFrom = started + command.warmupMs;
  const measureTo = measureFrom + command.durationMs;
  let latencies = new Float64Array(1 << 16);
  let completed = 0;
  let latencyCount = 0;
  let responseBytes = 0;
  let errors = 0;
  let firstError: string | null = null;
  const statuses: Record<string, number> = {};
  let inFlight = 0;

  // Throughput counts answers that arrive inside the window; latency counts requests sent inside it
  // (answered whenever), so warm-up stragglers do not pollute the tail and late answers are not dropped.
  function record(status: string, latency: number, bytes: number, sentAt: number, at: number): void {
    if (at >= measureFrom && at <= measureTo) {
      statuses[status] = (statuses[status] ?? 0) + 1;
      completed++;
      responseBytes += bytes;
    }
    if (sentAt < measureFrom || sentAt > measureTo) return;
    if (latencyCount === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[latencyCount++] = latency;
  }

  function error(message: string): void {
    errors++;
    firstError ??= message;
  }

  function open(): void {
    const socket: Socket = connect({ host: command.host, port: command.port, noDelay: true });
    let buffer: Buffer | null = null;
    let sentAt = 0;
    let waiting = false;

    function sendNext(): void {
      if (now() >= measureTo || errors >= MAX_ERRORS) {
        socket.end();
        return;
      }
      const i = sequence++;
      const body = `{"title":${JSON.stringify(`${command.titlePrefix}${i}`)},"details":${details},"level":"help"}`;
      const key = command.idempotencyPrefix === null ? '' : `Idempotency-Key: ${command.idempotencyPrefix}${i}\r\n`;
      waiting = true;
      inFlight++;
      sentAt = now();
      socket.write(`${head}${key}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }

    socket.on('connect', sendNext);
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer ? Buffer.concat([buffer, chunk]) : chunk;
      const headerEnd = buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = buffer.toString('latin1', 0, headerEnd);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
      if (!length) {
        error(`response without content-length: ${header.split('\r\n')[0]}`);
        socket.destroy();
        return;
      }
      const total = headerEnd + 4 + Number(length[1]);
      if (buffer.length < total) return;
      const at = now();
      const status = header.slice(9, 12);
      waiting = false;
      inFlight--;
      if (status[0] !== '2') error(`HTTP ${status}: ${buffer.toString('utf8', headerEnd + 4, Math.min(total, headerEnd + 300))}`);
      record(status, at - sentAt, total, sentAt, at);
      buffer = buffer.length > total ? buffer.subarray(total) : null;
      sendNext();
    });
    socket.on('error', (e) => error(e.message));
    socket.on('close', () => {
      if (waiting) {
        inFlight--;
        error('connection closed with a request in flight');
      }
      // Replace a connection the server dropped, while the run lasts.
      if (now() < measureTo && errors < MAX_ERRORS) setTimeout(open, 10);
    });
  }

  for (let c = 0; c < command.connections; c++) open();
  await sleep(Math.max(0, measureTo - now()));
  const drainUntil = now() + 10_000;
  while (inFlight > 0 && now() < drainUntil) await sleep(20);

  send({
    type: 'result',
    completed,
    latencies: latencies.slice(0, latencyCount),
    windowMs: command.durationMs,
    statuses,
    errors,
    firstError,
    responseBytesMean: completed ? responseBytes / completed : NaN,
  });
}

process.on('message', (command: RaiseCommand) => {
  run(command).catch((error: unknown) => send({ type: 'error', message: String((error as Error).stack ?? error) }));
});

send({ type: 'ready' });
