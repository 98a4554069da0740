import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listEventsAfter } from '../server/events/store.ts';
import { DELIVERY_RETENTION_MS } from '../server/jobs/retention.ts';
import { findPresence } from '../server/swarm/store.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { TimelineList } from '../shared/timeline.ts';
import type { DeliveryList, Webhook } from '../shared/webhooks.ts';
import { setUpAdmin, TestClock, type Caller } from './helpers/app.ts';
import { inviteMember } from './helpers/people.ts';
import { openRestartableDatabase } from './helpers/test-database.ts';
import { createAreaWithWebhook, pull, startReceiver, webhookApp } from './helpers/webhook-receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(answer?: Parameters<typeof startReceiver>[0], env: Record<string, string> = {}) {
  const database = await openRestartableDatabase();
  cleanups.push(() => database.close());
  const receiver = await startReceiver(answer);
  cleanups.push(() => receiver.close());
  const clock = new TestClock();
  const app = await webhookApp(database.db, clock, { ANDON_WEBHOOK_ALLOW_PRIVATE: 'true', ...env });
  cleanups.push(() => app.close());
  const admin = await setUpAdmin(app);
  return { database, receiver, clock, app, admin };
}

async function deliveriesOf(app: FastifyInstance, admin: Caller, webhookId: string) {
  const response = await app.inject({ method: 'GET', url: `/api/webhooks/${webhookId}/deliveries`, headers: { cookie: admin.cookie } });
  expect(response.statusCode).toBe(200);
  return response.json<DeliveryList>().items;
}

const alertsSent = async (admin: Caller, number: number) =>
  (await admin.request({ method: 'GET', url: `/api/problems/${number}/timeline` })).json<TimelineList>().items
    .filter((e) => e.kind === 'alert-sent').map((e) => e.body);

describe('"alert sent" on the timeline', () => {
  it('is recorded once, live, when the delivery of a pull succeeds (after a failed attempt), naming the host only', async () => {
    const { receiver, clock, app, admin, database } = await setUp((n, res) => res.writeHead(n === 0 ? 503 : 200).end());
    const { slug, webhook } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    const problem = await pull(admin, slug, 'Label printer offline');
    await app.webhooks.runDue();
    expect(await alertsSent(admin, problem.number)).toEqual([]); // the 503 is no alert sent
    clock.advance(5_000);
    await app.webhooks.runDue();
    expect((await deliveriesOf(app, admin, webhook.id))[0]).toMatchObject({ status: 'delivered' });
    const sent = `Alert sent to Slack webhook at 127.0.0.1:${receiver.port}`;
    expect(await alertsSent(admin, problem.number)).toEqual([sent]);
    // Live: it is an event on the stream like any timeline entry.
    const live = (await listEventsAfter(database.db, 0, 1000)).filter((e) => e.name === 'timeline.added' && e.data.includes('Alert sent'));
    expect(live).toHaveLength(1);

    clock.advance(60 * 60_000);
    await app.webhooks.runDue();
    expect(await alertsSent(admin, problem.number)).toEqual([sent]);
  });

  it('is not recorded for events that alert nobody (a JSON webhook also hears of timeline entries)', async () => {
    const { receiver, app, admin } = await setUp();
    const { slug } = await createAreaWithWebhook(admin, 'json', receiver.url);
    const problem = await pull(admin, slug, 'Scanner keeps rebooting');
    await admin.request({ method: 'POST', url: `/api/problems/${problem.number}/timeline`, payload: { kind: 'note', body: 'Rebooted it' } });
    for (let i = 0; i < 3; i++) await app.webhooks.runDue();
    expect(await alertsSent(admin, problem.number)).toEqual([`Alert sent to JSON webhook at 127.0.0.1:${receiver.port}`]);
  });
});

describe('enabling a disabled webhook again', () => {
  it('lets an admin turn a webhook that answered 410 back on, after which pulls reach it again', async () => {
    let gone = true;
    const { receiver, app, admin } = await setUp((_n, res) => res.writeHead(gone ? 410 : 200).end());
    const { slug, webhook } = await createAreaWithWebhook(admin, 'teams', receiver.url);
    await pull(admin, slug, 'Label printer offline');
    await app.webhooks.runDue();
    const listed = () => admin.request({ method: 'GET', url: `/api/areas/${slug}/webhooks` }).then((r) => r.json<{ items: Webhook[] }>().items[0]);
    expect((await listed()).disabledAt).not.toBeNull();

    gone = false;
    const member = await inviteMember({ app }, admin, 'Bea Builder');
    expect((await member.caller.request({ method: 'POST', url: `/api/webhooks/${webhook.id}/enable` })).statusCode).toBe(403);
    const missing = await admin.request({ method: 'POST', url: '/api/webhooks/no-such-webhook/enable' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error.code).toBe('not_found');
    expect((await listed()).disabledAt).not.toBeNull();

    const enabled = await admin.request({ method: 'POST', url: `/api/webhooks/${webhook.id}/enable` });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json<Webhook>()).toMatchObject({ id: webhook.id, disabledAt: null, consecutiveFailures: 0, failing: false });
    expect(await listed()).toMatchObject({ disabledAt: null, failing: false });

    await pull(admin, slug, 'Label printer offline again');
    await app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    expect((await deliveriesOf(app, admin, webhook.id))[0]).toMatchObject({ status: 'delivered', responseCode: 200 });
  });
});

describe('retention', () => {
  it('prunes finished webhook deliveries after 30 days and stale presence, and keeps pending deliveries', async () => {
    // Signed in for longer than the 30 days the test moves on.
    const { receiver, clock, app, admin, database } = await setUp((n, res) => res.writeHead(n === 0 ? 200 : 500).end(), { ANDON_SESSION_DAYS: '365' });
    const { slug, webhook } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    const old = await pull(admin, slug, 'Old pull');
    await app.webhooks.runDue();
    await admin.request({ method: 'PUT', url: `/api/problems/${old.number}/presence` });
    await app.jobs.runDue();
    expect(await deliveriesOf(app, admin, webhook.id)).toHaveLength(1);
    const adminId = (await admin.request({ method: 'GET', url: '/api/me' })).json<{ user: { id: string } }>().user.id;
    expect(await findPresence(database.db, old.id, adminId)).toBeDefined(); // still looking: kept

    clock.advance(DELIVERY_RETENTION_MS + 60_000);
    await pull(admin, slug, 'New pull'); // its delivery fails and stays pending
    await app.webhooks.runDue();
    await app.jobs.runDue();
    const left = await deliveriesOf(app, admin, webhook.id);
    expect(left.map((d) => ({ problem: d.problemNumber, status: d.status }))).toEqual([{ problem: old.number + 1, status: 'pending' }]);
    expect(await findPresence(database.db, old.id, adminId)).toBeUndefined();
  });
});
