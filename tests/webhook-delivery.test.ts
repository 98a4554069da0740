import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openPostgres } from '../server/db/postgres-client.ts';
import type { Database } from '../server/db/client.ts';
import type { DeliveryList, Webhook } from '../shared/webhooks.ts';
import { setUpAdmin, TestClock, type Caller } from './helpers/app.ts';
import { DELIVERY_LEASE_MS } from '../server/webhooks/dispatcher.ts';
import { leaseDueDeliveries, recordAttempt } from '../server/webhooks/store.ts';
import { openRestartableDatabase, type RestartableDatabase } from './helpers/test-database.ts';
import { createAreaWithWebhook, pull, startReceiver, verifySignature, webhookApp } from './helpers/webhook-receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(answer?: Parameters<typeof startReceiver>[0], sending?: Parameters<typeof webhookApp>[3]) {
  const database: RestartableDatabase = await openRestartableDatabase();
  cleanups.push(() => database.close());
  const receiver = await startReceiver(answer);
  cleanups.push(() => receiver.close());
  const clock = new TestClock();
  const state = { app: await webhookApp(database.db, clock, undefined, sending) };
  cleanups.push(() => state.app.close());
  const admin = await setUpAdmin(state.app);
  return { database, receiver, clock, state, admin };
}

async function deliveriesOf(app: FastifyInstance, admin: Caller, webhookId: string) {
  const response = await app.inject({ method: 'GET', url: `/api/webhooks/${webhookId}/deliveries`, headers: { cookie: admin.cookie } });
  expect(response.statusCode).toBe(200);
  return response.json<DeliveryList>().items;
}

describe('webhook delivery', () => {
  it('retries a receiver that fails twice on the backoff schedule, across a restart, and delivers once, signed', async () => {
    const { database, receiver, clock, state, admin } = await setUp((n, res) => res.writeHead(n < 2 ? 500 : 200).end(n < 2 ? 'down' : 'ok'));
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', receiver.url);
    const problem = await pull(admin, slug, 'Conveyor 3 jammed', 'stop');

    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1);
    let [delivery] = await deliveriesOf(state.app, admin, webhook.id);
    expect(delivery).toMatchObject({ event: 'problem.raised', status: 'pending', attempts: 1, responseCode: 500 });
    expect(Date.parse(delivery.nextAttemptAt!) - clock.now()).toBeGreaterThan(4_000);

    clock.advance(4_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1); // not due yet
    clock.advance(1_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    [delivery] = await deliveriesOf(state.app, admin, webhook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(delivery.nextAttemptAt!) - clock.now()).toBeGreaterThan(4 * 60_000); // then 5 minutes

    // Andon restarts before the third attempt: the outbox is in the database, not in memory.
    await state.app.close();
    state.app = await webhookApp(await database.reopen(), clock);
    clock.advance(5 * 60_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(3);
    [delivery] = await deliveriesOf(state.app, admin, webhook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseCode: 200, nextAttemptAt: null });

    // Never sent again after a success, however long Andon runs.
    clock.advance(2 * 86_400_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(3);

    // Every attempt is the same message (one webhook-id), signed per Standard Webhooks.
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const last = receiver.requests[2];
    const verified = verifySignature(webhook.secret, last, Number(last.headers['webhook-timestamp']) * 1000) as { type: string; data: { number: number; level: string }; problemUrl: string };
    expect(verified).toMatchObject({ type: 'problem.raised', data: { number: problem.number, level: 'stop' } });
    expect(verified.problemUrl).toMatch(new RegExp(`/problems/${problem.number}$`));
    expect(() => verifySignature('whsec_' + Buffer.alloc(32, 1).toString('base64'), last, clock.now())).toThrow();
  });

  it('disables a webhook whose receiver answers 410 Gone, and sends it nothing more', async () => {
    const { receiver, state, admin } = await setUp((_n, res) => res.writeHead(410).end());
    const { slug, webhook } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    await pull(admin, slug, 'Label printer offline');
    await state.app.webhooks.runDue();
    expect((await deliveriesOf(state.app, admin, webhook.id))[0]).toMatchObject({ status: 'failed', responseCode: 410 });
    const listed = (await admin.request({ method: 'GET', url: `/api/areas/${slug}/webhooks` })).json<{ items: Array<Webhook & { secret?: string }> }>().items[0];
    expect(listed).toMatchObject({ id: webhook.id, failing: true });
    expect(listed.disabledAt).not.toBeNull();
    expect(listed.secret).toBeUndefined(); // answered once, at creation only

    await pull(admin, slug, 'Label printer offline again');
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1);
  });

  it.each([
    { status: 429, retryAfterSeconds: 120, format: 'mattermost' },
    { status: 503, retryAfterSeconds: 600, format: 'json' },
  ])('waits as long as a $status Retry-After asks, not the shorter backoff', async ({ status, retryAfterSeconds, format }) => {
    const { receiver, clock, state, admin } = await setUp((n, res) =>
      n === 0 ? res.writeHead(status, { 'retry-after': String(retryAfterSeconds) }).end('busy') : res.end('ok'));
    const { slug, webhook } = await createAreaWithWebhook(admin, format, receiver.url);
    await pull(admin, slug, 'Scanner keeps rebooting');
    clock.freeze();
    await state.app.webhooks.runDue();
    const [waiting] = await deliveriesOf(state.app, admin, webhook.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, responseCode: status });
    const retryAfterMs = retryAfterSeconds * 1000;
    expect(Date.parse(waiting.nextAttemptAt!) - clock.now()).toBe(retryAfterMs);
    clock.advance(5_000); // when the backoff alone would try again
    await state.app.webhooks.runDue();
    clock.advance(retryAfterMs - 6_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1);
    clock.advance(1_000);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    expect((await deliveriesOf(state.app, admin, webhook.id))[0]).toMatchObject({ status: 'delivered', attempts: 2, responseCode: 200 });
  });

  it('flags a webhook that fails three attempts in a row, and clears the flag when it delivers again', async () => {
    const { receiver, clock, state, admin } = await setUp((n, res) => res.writeHead(n < 3 ? 500 : 200).end(n < 3 ? 'down' : 'ok'));
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', receiver.url);
    const listed = async () => (await admin.request({ method: 'GET', url: `/api/areas/${slug}/webhooks` })).json<{ items: Webhook[] }>().items[0];
    await pull(admin, slug, 'Conveyor 3 jammed');
    clock.freeze();
    const flags: boolean[] = [];
    for (const wait of [0, 5_000, 5 * 60_000, 30 * 60_000]) {
      clock.advance(wait);
      await state.app.webhooks.runDue();
      flags.push((await listed()).failing);
    }
    expect(receiver.requests).toHaveLength(4);
    expect(flags).toEqual([false, false, true, false]);
    expect(await listed()).toMatchObject({ id: webhook.id, failing: false, consecutiveFailures: 0, disabledAt: null });
  });

  it('gives up on an attempt the receiver does not answer in time, and retries it later', async () => {
    // The 15 s timeout is shortened to 200 ms here so the test does not wait 15 real seconds.
    const { receiver, state, admin } = await setUp(() => {}, { timeoutMs: 200 });
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', receiver.url);
    await pull(admin, slug, 'Badge reader slow');
    await state.app.webhooks.runDue();
    const [delivery] = await deliveriesOf(state.app, admin, webhook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, responseCode: null });
    expect(delivery.error).toContain('no answer within 0.2 s');
    // Still being tried: sending it again beside the retry would send it twice.
    const again = await admin.request({ method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver` });
    expect(again.statusCode).toBe(409);
  });

  it('delivers each message once when two instances send at the same moment', async () => {
    const { database, receiver, clock, state, admin } = await setUp();
    const { slug } = await createAreaWithWebhook(admin, 'json', receiver.url);
    for (let i = 0; i < 6; i++) await pull(admin, slug, `Pull ${i}`);
    // Another instance: its own connection pool on PostgreSQL; on SQLite, the same database.
    const other: Database = database.url ? await openPostgres(database.url, { poolSize: 5 }) : database.db;
    const second = await webhookApp(other, clock);
    cleanups.push(async () => {
      await second.close();
      if (other !== database.db) await other.close();
    });
    await Promise.all([state.app.webhooks.runDue(), second.webhooks.runDue(), state.app.webhooks.runDue(), second.webhooks.runDue()]);
    expect(receiver.requests).toHaveLength(6);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(6);
  });

  it('takes over a delivery whose instance died mid-send, and ignores that instance if it wakes up', async () => {
    const { database, receiver, clock, state, admin } = await setUp();
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', receiver.url);
    await pull(admin, slug, 'Orphaned alert');
    await state.app.webhooks.runDue(); // fills the outbox and delivers
    expect(receiver.requests).toHaveLength(1);
    const [delivered] = await deliveriesOf(state.app, admin, webhook.id);
    // Redelivery queued; a stalled instance leases it, then its lease runs out.
    await admin.request({ method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${delivered.id}/redeliver` });
    const [stale] = await database.db.transaction((tx) => leaseDueDeliveries(tx, 'stalled instance', clock.now(), clock.now() + DELIVERY_LEASE_MS, 10));
    expect(stale.id).toBe(delivered.id);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1); // still the stalled instance's
    clock.advance(DELIVERY_LEASE_MS + 1);
    await state.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    const late = { status: 'failed' as const, responseCode: 500, error: 'late', nextAttemptAt: null, deliveredAt: null };
    expect(await database.db.transaction((tx) => recordAttempt(tx, stale, 'stalled instance', late))).toBe(false);
    expect((await deliveriesOf(state.app, admin, webhook.id))[0]).toMatchObject({ status: 'delivered', responseCode: 200 });
  });
});
