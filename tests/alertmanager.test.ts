import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreatedIntegration } from '../shared/integrations.ts';
import type { Problem, ProblemList } from '../shared/problems.ts';
import { startAlertmanager, type RunningAlertmanager } from './helpers/alertmanager.ts';
import { createToken, setUpAdmin } from './helpers/organisation.ts';
import { startServer, tempDataDir, type ServerProcess } from './helpers/server-process.ts';

let andon: ServerProcess;
let alertmanager: RunningAlertmanager;
let auth: string;
const data = tempDataDir();

beforeAll(async () => {
  andon = await startServer({ dataDir: data.dir });
  const admin = await setUpAdmin(andon.url);
  auth = await createToken(andon.url, admin, 'reader');
  const response = await fetch(`${andon.url}/api/areas/general/integrations`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: admin, origin: andon.url }, body: JSON.stringify({ kind: 'alertmanager' }),
  });
  const integration = (await response.json()) as CreatedIntegration;
  alertmanager = await startAlertmanager(integration.url, integration.token);
}, 60_000);

afterAll(async () => {
  await alertmanager.stop();
  await andon.stop();
  data.remove();
});

async function problems(): Promise<Problem[]> {
  return ((await (await fetch(`${andon.url}/api/problems`, { headers: { authorization: auth } })).json()) as ProblemList).items;
}

/** Alertmanager notifies on its own schedule (group_wait 1 s, group_interval 2 s): ask until it has. */
async function eventually(what: string, check: (items: Problem[]) => boolean): Promise<Problem[]> {
  const deadline = Date.now() + 12_000;
  for (;;) {
    const items = await problems();
    if (check(items)) return items;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 12 s; problems: ${JSON.stringify(items)}\nalertmanager:\n${alertmanager.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const alert = (instance: string, endsAt?: string) => ({
  labels: { alertname: 'QueueBacklog', cluster: 'eu-1', instance, severity: 'critical' },
  annotations: { summary: 'The order queue is backing up', description: `${instance} has 10,000 orders waiting` },
  generatorURL: 'http://prometheus.example.com/graph',
  ...(endsAt ? { endsAt } : {}),
});

it('a real Alertmanager pointed at Andon raises one problem for its alert group, then resolves it when the alerts clear', async () => {
  await alertmanager.postAlerts([alert('worker-1'), alert('worker-2')]);
  const [raised] = await eventually('the pull', (items) => items.some((p) => p.firingAlerts === 2));
  expect(raised).toMatchObject({
    title: 'The order queue is backing up', level: 'stop', status: 'raised', firingAlerts: 2,
    raisedBy: { kind: 'integration', name: 'Alertmanager' },
  });

  const now = new Date().toISOString();
  await alertmanager.postAlerts([alert('worker-1', now), alert('worker-2', now)]);
  const items = await eventually('resolving', (list) => list.some((p) => p.status === 'resolved'));
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ number: raised.number, status: 'resolved', firingAlerts: 0 });
  expect(items[0].history.at(-1)).toMatchObject({ to: 'resolved', reason: 'All alerts resolved' });
}, 30_000);
