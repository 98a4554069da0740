import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/live.ts';
import type { Presence, Problem } from '../../shared/problems.ts';
import { addMember, createToken, setUpAdmin } from '../helpers/organisation.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { connect, type LiveClient } from '../live/live-harness.ts';
import { describeSeveralInstances, instanceGroup, liveUrl, pull } from './instances.ts';

const events = (client: LiveClient) => client.messages.filter((m): m is LiveEvent => m.type === 'event');

describeSeveralInstances('a swarm across two instances', () => {
  const group = instanceGroup();
  let drop = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: string;
  let member: string;
  let token: string;
  let client: LiveClient | undefined;

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    a = await group.start(database.url);
    b = await group.start(database.url);
    admin = await setUpAdmin(a.url);
    member = await addMember(a.url, admin);
    token = await createToken(a.url, admin, 'swarm test machine');
  });
  afterAll(async () => {
    client?.ws.terminate();
    await group.killAll();
    await drop();
  });

  const as = (server: ServerProcess, cookie: string, method: string, path: string) =>
    fetch(`${server.url}${path}`, { method, headers: { cookie, origin: server.url }, signal: AbortSignal.timeout(30_000) });

  it('shows who is present and who joined on one instance to people on the other, live', async () => {
    const { number } = await pull(a.url, token, 'Conveyor 3 stops every few minutes');
    client = await connect(liveUrl(b.url), { authorization: token });
    client.send({ type: 'subscribe', problem: number });
    await client.waitFor((c) => c.messages.some((m) => m.type === 'subscribed'));

    expect((await as(a, member, 'PUT', `/api/problems/${number}/presence`)).status).toBe(200);
    await client.waitFor((c) => events(c).some((e) => e.name === 'presence.changed'));
    // Ada, on B, sees Bo who is looking at it through A.
    const presence = (await (await as(b, admin, 'PUT', `/api/problems/${number}/presence`)).json()) as Presence;
    expect(presence.people.map((p: { name: string }) => p.name).sort()).toEqual(['Ada Admin', 'Bo Member']);

    expect((await as(a, member, 'POST', `/api/problems/${number}/swarm`)).status).toBe(200);
    await client.waitFor((c) => events(c).some((e) => e.name === 'problem.updated'));
    const updated = events(client).find((e) => e.name === 'problem.updated')!;
    expect(updated.data).toMatchObject({ status: 'swarming', lead: { name: 'Bo Member' } });
    // Joining again through B is the same swarm: one member, no new event.
    const again = (await (await as(b, member, 'POST', `/api/problems/${number}/swarm`)).json()) as Problem;
    expect(again.swarm).toHaveLength(1);
  });
});
