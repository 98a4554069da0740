// A load-generator process holding many websocket "board" clients. It connects them, then records, for
// every measured pull, how many of its clients received the event and when the last (and first) one did,
// on the shared clock. The coordinator takes the max over processes.
import WebSocket from 'ws';
import { now, sleep } from '../lib/clock.ts';
import type { FanoutCommand, FanoutReport } from './protocol.ts';

const send = (report: FanoutReport) => process.send!(report);
process.on('disconnect', () => process.exit(0));

const sockets: WebSocket[] = [];
let marker = Buffer.alloc(0);
let counts = new Uint32Array(0);
let firstAt = new Float64Array(0);
let lastAt = new Float64Array(0);
let closedEarly = 0;
let closing = false;
let frameBytes = 0;
let frames = 0;
let otherMessages = 0;

function onEvent(data: Buffer): void {
  const t = now();
  const at = data.indexOf(marker);
  if (at < 0) {
    otherMessages++;
    return;
  }
  let index = 0;
  let digits = 0;
  for (let p = at + marker.length; p < data.length; p++) {
    const c = data[p];
    if (c < 48 || c > 57) break;
    index = index * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || index >= counts.length) {
    otherMessages++;
    return;
  }
  counts[index]++;
  if (t > lastAt[index]) lastAt[index] = t;
  if (firstAt[index] === 0 || t < firstAt[index]) firstAt[index] = t;
  frameBytes += data.length;
  frames++;
}

/** Opens one client and resolves once the server's first message (the welcome) has arrived. */
function connectOne(url: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Like a browser: offers permessage-deflate (the server decides). UTF-8 checks skipped to spare client CPU.
    const ws = new WebSocket(url, { headers, skipUTF8Validation: true, handshakeTimeout: timeoutMs });
    let welcomed = false;
    const timer = setTimeout(() => fail(new Error('no welcome within the timeout')), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    }
    ws.on('unexpected-response', (_req, res) => fail(new Error(`upgrade answered HTTP ${res.statusCode}`)));
    ws.on('error', (error) => {
      if (!welcomed) fail(error);
    });
    ws.on('close', () => {
      if (welcomed && !closing) closedEarly++;
    });
    ws.on('message', (data: Buffer) => {
      if (welcomed) return onEvent(data);
      welcomed = true;
      clearTimeout(timer);
      if (!data.includes('"welcome"')) otherMessages++;
      sockets.push(ws);
      resolve();
    });
  });
}

async function connect(command: Extract<FanoutCommand, { cmd: 'connect' }>): Promise<void> {
  marker = Buffer.from(command.marker);
  counts = new Uint32Array(command.maxEvents);
  firstAt = new Float64Array(command.maxEvents);
  lastAt = new Float64Array(command.maxEvents);
  const started = now();
  const before = sockets.length;
  const deadline = started + command.timeoutMs;
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  async function worker(): Promise<void> {
    while (next < command.count && now() < deadline) {
      next++;
      try {
        await connectOne(command.url, command.headers, Math.max(1_000, deadline - now()));
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
        // A refused upgrade will be refused for everyone: stop early instead of hammering.
        if (failed >= 20 && sockets.length === 0) return;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(command.concurrency, command.count) }, worker));
  send({ type: 'connected', connected: sockets.length, failed: command.count - (sockets.length - before), firstError, elapsedMs: now() - started });
}

async function collect(command: Extract<FanoutCommand, { cmd: 'collect' }>): Promise<void> {
  const deadline = now() + command.timeoutMs;
  const expected = Math.min(command.expected, counts.length);
  const complete = () => {
    const open = sockets.length - closedEarly;
    for (let i = 0; i < expected; i++) if (counts[i] < open) return false;
    return true;
  };
  while (!complete() && now() < deadline) await sleep(50);
  send({
    type: 'collected',
    clients: sockets.length,
    counts: Array.from(counts.subarray(0, expected)),
    firstAt: Array.from(firstAt.subarray(0, expected)),
    lastAt: Array.from(lastAt.subarray(0, expected)),
    closedEarly,
    frameBytesMean: frames ? frameBytes / frames : NaN,
    otherMessages,
  });
}

process.on('message', (command: FanoutCommand) => {
  const run = async () => {
    if (command.cmd === 'connect') await connect(command);
    else if (command.cmd === 'collect') await collect(command);
    else {
      closing = true;
      for (const ws of sockets) ws.terminate();
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 50);
    }
  };
  run().catch((error: unknown) => send({ type: 'error', message: String((error as Error).stack ?? error) }));
});

send({ type: 'ready' });
