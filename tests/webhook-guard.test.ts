import { afterEach, describe, expect, it } from 'vitest';
import type { Resolver } from '../server/webhooks/address-guard.ts';
import type { Area } from '../shared/areas.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { DeliveryList, WebhookList } from '../shared/webhooks.ts';
import { createTestApp, setUpAdmin, TestClock, type TestApp } from './helpers/app.ts';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.ts';
import { createAreaWithWebhook, pull, startReceiver, webhookApp } from './helpers/webhook-receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(env?: Record<string, string>): Promise<TestApp> {
  const t = await createTestApp(env);
  cleanups.push(() => t.close());
  return t;
}

async function areaOf(t: TestApp) {
  const admin = await setUpAdmin(t.app);
  const area = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } });
  return { admin, slug: area.json<Area>().slug };
}

/** An app whose DNS the test plays, on a database of its own. */
async function appResolving(resolve: Resolver, env?: Record<string, string>) {
  const database: TestDatabase = await openTestDatabase();
  cleanups.push(() => database.close());
  const instance = await webhookApp(database.db, new TestClock(), env ?? {}, { resolve });
  cleanups.push(() => instance.close());
  return { app: instance, admin: await setUpAdmin(instance) };
}

describe('the webhook SSRF guard', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.7/hooks',
    'http://localhost:3000/hook',
    'ftp://chat.example.com/hook',
    'javascript:alert(1)',
  ])('refuses to create a webhook to %s, and keeps nothing', async (url) => {
    const t = await app();
    const { admin, slug } = await areaOf(t);
    const response = await admin.request({ method: 'POST', url: `/api/areas/${slug}/webhooks`, payload: { format: 'slack', url } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
    expect((await admin.request({ method: 'GET', url: `/api/areas/${slug}/webhooks` })).json<WebhookList>().items).toEqual([]);
  });

  it('still refuses link-local (cloud metadata) when private addresses are allowed', async () => {
    const t = await app({ ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' });
    const { admin, slug } = await areaOf(t);
    const refused = await admin.request({ method: 'POST', url: `/api/areas/${slug}/webhooks`, payload: { format: 'json', url: 'http://169.254.169.254/' } });
    expect(refused.statusCode).toBe(400);
    const allowed = await admin.request({ method: 'POST', url: `/api/areas/${slug}/webhooks`, payload: { format: 'json', url: 'http://10.0.0.7/hook' } });
    expect(allowed.statusCode).toBe(201);
  });

  it('checks the address again on every attempt: a name that rebinds to 127.0.0.1 is never contacted', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    let lookups = 0;
    // Public when the webhook is created, loopback when it is time to deliver.
    const rebinding: Resolver = async () => [{ address: lookups++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const { app: instance, admin } = await appResolving(rebinding);
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', `http://chat.example.com:${receiver.port}/hook`);
    await pull(admin, slug, 'Rebinding');
    await instance.webhooks.runDue();
    expect(receiver.requests).toHaveLength(0);
    const [delivery] = (await admin.request({ method: 'GET', url: `/api/webhooks/${webhook.id}/deliveries` })).json<DeliveryList>().items;
    expect(delivery).toMatchObject({ status: 'pending', responseCode: null });
    expect(delivery.error).toContain('not contacted');
  });

  it('connects to the address it checked, not to what the system resolver would answer', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    // Only this resolver knows the name; the system's would fail. Loopback needs the private setting.
    const { app: instance, admin } = await appResolving(async () => [{ address: '127.0.0.1', family: 4 }], { ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' });
    const { slug } = await createAreaWithWebhook(admin, 'json', `http://chat.invalid:${receiver.port}/hook`);
    await pull(admin, slug, 'Pinned');
    await instance.webhooks.runDue();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0].headers.host).toBe(`chat.invalid:${receiver.port}`);
  });

  it('does not follow a redirect (to 127.0.0.1 or anywhere)', async () => {
    const target = await startReceiver();
    cleanups.push(() => target.close());
    const redirecting = await startReceiver((_n, res) => res.writeHead(302, { location: target.url }).end());
    cleanups.push(() => redirecting.close());
    const t = await app({ ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' });
    const admin = await setUpAdmin(t.app);
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', redirecting.url);
    await pull(admin, slug, 'Redirected');
    await t.app.webhooks.runDue();
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
    const [delivery] = (await admin.request({ method: 'GET', url: `/api/webhooks/${webhook.id}/deliveries` })).json<DeliveryList>().items;
    expect(delivery).toMatchObject({ status: 'pending', responseCode: 302 });
  });
});
