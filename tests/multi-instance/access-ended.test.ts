import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_CLOSE } from '../../shared/live.ts';
import { addMember, setUpAdmin } from '../helpers/organisation.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { connect, within, type LiveClient } from '../live/live-harness.ts';
import { describeSeveralInstances, instanceGroup, liveUrl } from './instances.ts';

describeSeveralInstances('ending access with two instances on one PostgreSQL database', () => {
  const group = instanceGroup();
  let drop = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    a = await group.start(database.url);
    b = await group.start(database.url);
  });
  afterAll(async () => {
    for (const client of clients) client.ws.terminate();
    await group.killAll();
    await drop();
  });

  it('deactivating someone on one instance closes their live connection on the other', async () => {
    const admin = await setUpAdmin(a.url);
    const member = { name: 'Mo Member', email: 'mo@example.com', password: 'mo has a long password' };
    const cookie = await addMember(a.url, admin, member);
    const onB = await connect(liveUrl(b.url), { cookie, origin: b.url });
    const adminOnB = await connect(liveUrl(b.url), { cookie: admin, origin: b.url });
    clients.push(onB, adminOnB);
    const members = (await (await fetch(`${a.url}/api/members`, { headers: { cookie: admin } })).json()) as { items: Array<{ id: string; email: string }> };
    const id = members.items.find((m) => m.email === member.email)?.id ?? '';

    const answer = await fetch(`${a.url}/api/members/${id}`, {
      method: 'PATCH', headers: { cookie: admin, origin: a.url, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }),
    });
    expect(answer.status).toBe(200);
    expect((await within(10_000, 'the member\'s connection on instance B', onB.closed)).code).toBe(LIVE_CLOSE.accessEnded);
    expect(adminOnB.ws.readyState).toBe(adminOnB.ws.OPEN);
  });
});
