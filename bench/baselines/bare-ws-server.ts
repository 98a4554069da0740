// Baseline for fan-out and memory: plain node:http + ws, no auth, no database. It takes the same trigger
// as the product (POST /api/problems with the same JSON body), builds an event frame of the same shape
// and size as the product's `problem.raised` frame (with the pull's title in it), and broadcasts it to
// every client. The frame is encoded to a Buffer once and that Buffer is sent to each client: the
// cheapest broadcast ws allows, so the baseline is a floor, not a straw man.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

process.on('disconnect', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));

let seq = 0;
let number = 0;
const tokenId = randomUUID();
const wss = new WebSocketServer({ noServer: true });

function broadcast(body: { title: string; details?: string; area?: string; level?: string }): string {
  const iso = new Date().toISOString();
  seq++;
  number++;
  // The same name as the product's bench token, so both frames are the same size.
  const raisedBy = { kind: 'token', id: tokenId, name: 'bench' };
  const problem = {
    id: randomUUID(), number, title: body.title.trim(), details: body.details ?? '', area: body.area ?? 'general',
    level: body.level ?? 'help', status: 'raised', raisedBy, raisedAt: iso, updatedAt: iso,
    history: [{ from: null, to: 'raised', reason: null, by: raisedBy, at: iso }],
  };
  const dataJson = JSON.stringify(problem);
  const frame = Buffer.from(`{"type":"event","seq":${seq},"name":"problem.raised","at":${JSON.stringify(iso)},"data":${dataJson}}`);
  for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame, { binary: false });
  return dataJson;
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/problems') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Parameters<typeof broadcast>[0];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const dataJson = broadcast(body);
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(dataJson) });
      res.end(dataJson);
    });
  } else if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } else {
    res.writeHead(404).end();
  }
});

server.on('upgrade', (req, socket, head) => {
  if (req.url !== '/api/live') {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.send(`{"type":"welcome","protocol":1,"seq":${seq}}`);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
