import { afterAll, expect, it } from 'vitest';
import { setUpWithToken } from '../helpers/server-process.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { describeSeveralInstances, instanceGroup, pull } from './instances.ts';
import { startGate, type StartGate } from './start-gate.ts';

describeSeveralInstances('two instances started at the same moment on an empty database', () => {
  const group = instanceGroup();
  let drop = async () => {};
  let gate: StartGate | undefined;
  afterAll(async () => {
    await group.killAll();
    await gate?.close();
    await drop();
  });

  it('both come up and serve, having migrated it once between them', async () => {
    const database = await freshPostgresDatabase(); // created, never migrated
    drop = database.drop;
    const target = new URL(database.url);
    // Each instance's first connection waits here for the other's, so their migrations really overlap.
    gate = await startGate({ host: target.hostname, port: Number(target.port) }, 2);
    const throughGate = new URL(database.url);
    throughGate.port = String(gate.port);

    // Had both migrated, the second would fail creating tables that exist, and exit before answering.
    const [a, b] = await Promise.all([group.start(throughGate.href), group.start(throughGate.href)]);
    await gate.opened;
    for (const server of [a, b]) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    const auth = await setUpWithToken(a.url);
    const numbers = (await Promise.all([pull(a.url, auth, 'first on A'), pull(b.url, auth, 'first on B')])).map((p) => p.number);
    expect(numbers.sort()).toEqual([1, 2]);

    for (const server of [a, b]) {
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).not.toMatch(/error|fatal|migrat/i);
    }
  }, 90_000);
});
