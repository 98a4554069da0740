import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreatedIntegration, NotificationResult } from '../../shared/integrations.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { fixture } from '../helpers/integrations.ts';
import { createToken, setUpAdmin } from '../helpers/organisation.ts';
import { freshPostgresDatabase } from '../helpers/test-database.ts';
import { allProblems, describeSeveralInstances, inFlight, instanceGroup } from './instances.ts';

describeSeveralInstances('one alert group sent to two instances at once', () => {
  const group = instanceGroup();
  let drop = async () => {};
  let a: ServerProcess;
  let b: ServerProcess;
  let integration: CreatedIntegration;
  let auth: string;

  beforeAll(async () => {
    const database = await freshPostgresDatabase();
    drop = database.drop;
    a = await group.start(database.url);
    b = await group.start(database.url);
    const admin = await setUpAdmin(a.url);
    auth = await createToken(a.url, admin, 'reader');
    const response = await fetch(`${a.url}/api/areas/general/integrations`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: admin, origin: a.url }, body: JSON.stringify({ kind: 'alertmanager' }),
    });
    integration = (await response.json()) as CreatedIntegration;
  });
  afterAll(async () => {
    await group.killAll();
    await drop();
  });

  async function notify(server: ServerProcess, payload: object): Promise<{ status: number; body: NotificationResult }> {
    const response = await fetch(`${server.url}${new URL(integration.url).pathname}`, {
      method: 'POST', headers: { authorization: `Bearer ${integration.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload), signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as NotificationResult };
  }

  it('makes one problem, and records the alert that joined once, however the notifications are split between them', async () => {
    const firing = fixture('alertmanager/1-firing-two-alerts.json');
    const first = await inFlight(40, 40, (i) => notify(i % 2 ? a : b, firing));
    expect(first.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(first.filter((r) => r.body.outcome === 'raised')).toHaveLength(1);
    const numbers = new Set(first.map((r) => r.body.problemNumber));
    expect(numbers.size).toBe(1);

    const joined = fixture('alertmanager/2-third-alert-joins.json');
    const second = await inFlight(20, 20, (i) => notify(i % 2 ? a : b, joined));
    expect(second.filter((r) => r.body.outcome === 'updated')).toHaveLength(1);
    expect(second.every((r) => r.body.firingAlerts === 3)).toBe(true);

    const problems = await allProblems(b.url, auth);
    expect(problems).toHaveLength(1);
    const [number] = numbers;
    const timeline = await (await fetch(`${b.url}/api/problems/${String(number)}/timeline`, { headers: { authorization: auth } })).json() as { items: Array<{ body: string }> };
    expect(timeline.items.filter((e) => e.body.includes('**Firing** `db-3`'))).toHaveLength(1);
  });
});
