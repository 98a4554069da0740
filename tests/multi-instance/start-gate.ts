import { connect, createServer, type Socket } from 'node:net';

export interface StartGate {
  /** Give this port to the instances instead of the database's. */
  port: number;
  /** Resolves once `count` connections were held together and let through. */
  opened: Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of PostgreSQL that holds the first `count` connections until all of them
 * have arrived, then lets them through together; later connections pass straight away.
 * Processes started together still reach the database seconds apart (loading the server is slow
 * on a busy machine), so without it "at the same moment" would be luck; with it, instances that
 * each wait on their first connection start talking to the database within a millisecond.
 */
export function startGate(target: { host: string; port: number }, count: number): Promise<StartGate> {
  const sockets = new Set<Socket>();
  const held: Socket[] = [];
  let open = false;
  let markOpened!: () => void;
  const opened = new Promise<void>((resolve) => (markOpened = resolve));

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const forward = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    track(upstream);
    // What the client sent while held is still buffered in its stream; piping hands it on first.
    client.pipe(upstream).pipe(client);
    const hangUp = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', hangUp);
      socket.on('close', hangUp);
    }
  };

  const server = createServer((client) => {
    track(client);
    if (open) return forward(client);
    client.on('error', () => client.destroy());
    held.push(client);
    if (held.length < count) return;
    open = true;
    for (const waiting of held.splice(0)) forward(waiting);
    markOpened();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as { port: number }).port,
        opened,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
