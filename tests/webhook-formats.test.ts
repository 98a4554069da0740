import { afterEach, describe, expect, it } from 'vitest';
import { insertEvent } from '../server/events/store.ts';
import type { Area } from '../shared/areas.ts';
import type { Problem } from '../shared/problems.ts';
import type { DeliveryList, WebhookList } from '../shared/webhooks.ts';
import { createTestApp, createToken, ORIGIN, setUpAdmin, type TestApp } from './helpers/app.ts';
import { createAreaWithWebhook, pull, startReceiver } from './helpers/webhook-receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An app allowed to send to a receiver on 127.0.0.1 (ANDON_WEBHOOK_ALLOW_PRIVATE), and that receiver. */
async function setUp() {
  const t: TestApp = await createTestApp({ ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' });
  cleanups.push(() => t.close());
  const receiver = await startReceiver();
  cleanups.push(() => receiver.close());
  return { t, receiver, admin: await setUpAdmin(t.app) };
}

/** What these tests read of a chat message, whichever of Slack, Mattermost and Teams sent it (each test knows which). */
interface ChatMessage {
  type: string;
  text: string;
  blocks: Array<{ type: string; text: { text: string }; elements: Array<{ url: string; style?: string }> }>;
  attachments: Array<{ color: string; fields: unknown; contentType: string; content: { actions: unknown[]; body: Array<{ color: string }> } }>;
}

const bodies = (receiver: Awaited<ReturnType<typeof startReceiver>>) => receiver.requests.map((r) => JSON.parse(r.body) as ChatMessage);
/** The body about one problem: deliveries are sent side by side, so they may arrive in any order. */
const bodyAbout = (receiver: Awaited<ReturnType<typeof startReceiver>>, number: number) => {
  const found = receiver.requests.filter((r) => r.body.includes(`/problems/${number}"`));
  expect(found).toHaveLength(1);
  return JSON.parse(found[0].body) as ChatMessage;
};

describe('webhook payloads', () => {
  it('sends Slack Block Kit with a text fallback, linking the problem, and a Stop looks different from a Help', async () => {
    const { t, receiver, admin } = await setUp();
    const { slug, areaName } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    const help = await pull(admin, slug, 'Torque wrench out of calibration', 'help');
    const stop = await pull(admin, slug, 'Guard door open on press 2', 'stop');
    await t.app.webhooks.runDue();
    const [helpBody, stopBody] = [bodyAbout(receiver, help.number), bodyAbout(receiver, stop.number)];
    for (const [body, problem] of [[helpBody, help], [stopBody, stop]] as const) {
      expect(body.text).toContain(`${ORIGIN}/problems/${problem.number}`);
      expect(body.text).toContain('Ada Admin');
      expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'actions']);
      expect(JSON.stringify(body.blocks)).toContain(areaName);
      expect(body.blocks[2].elements[0].url).toBe(`${ORIGIN}/problems/${problem.number}`);
    }
    expect(helpBody.blocks[0].text.text).toContain('Help pulled');
    expect(stopBody.blocks[0].text.text).toContain('STOP pulled');
    expect(stopBody.blocks[2].elements[0].style).toBe('danger');
    expect(helpBody.blocks[2].elements[0].style).toBeUndefined();
  });

  it('sends Mattermost text with Slack-style attachments, coloured by level', async () => {
    const { t, receiver, admin } = await setUp();
    const { slug, areaName } = await createAreaWithWebhook(admin, 'mattermost', receiver.url);
    const stop = await pull(admin, slug, 'Coolant leak', 'stop');
    const help = await pull(admin, slug, 'Screen confusing', 'help');
    await t.app.webhooks.runDue();
    const [stopBody, helpBody] = [bodyAbout(receiver, stop.number), bodyAbout(receiver, help.number)];
    expect(stopBody.blocks).toBeUndefined(); // Mattermost does not render blocks
    expect(stopBody.text).toContain('STOP');
    expect(stopBody.attachments[0]).toMatchObject({ title_link: `${ORIGIN}/problems/${stop.number}` });
    expect(stopBody.attachments[0].fields).toEqual(expect.arrayContaining([{ short: true, title: 'Area', value: areaName }, { short: true, title: 'Pulled by', value: 'Ada Admin' }]));
    expect(stopBody.attachments[0].color).not.toBe(helpBody.attachments[0].color);
  });

  it('sends Teams an Adaptive Card with an Action.OpenUrl to the problem', async () => {
    const { t, receiver, admin } = await setUp();
    const { slug } = await createAreaWithWebhook(admin, 'teams', receiver.url);
    const stop = await pull(admin, slug, 'Line down', 'stop');
    await t.app.webhooks.runDue();
    const [body] = bodies(receiver);
    expect(body.type).toBe('message');
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.attachments[0].content.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: `${ORIGIN}/problems/${stop.number}` });
    expect(body.attachments[0].content.body[0].color).toBe('Attention');
  });

  it('alerts a chat channel again when a problem escalates, once, and ignores other updates', async () => {
    const { t, receiver, admin } = await setUp();
    const { slug } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    const problem = (await admin.request({ method: 'POST', url: '/api/problems', payload: { title: 'Nobody came', area: slug } })).json<Problem>();
    // The escalation job (built beside this) records problem.updated with an `escalation` object.
    const update = (data: object) => t.db.transaction((tx) => insertEvent(tx, {
      name: 'problem.updated', problemId: problem.id, problemNumber: problem.number, areaSlug: slug, previousAreaSlug: null, at: t.clock.now(), data: JSON.stringify({ ...problem, ...data }),
    }));
    await update({ title: 'Nobody came (edited)' });
    await update({ escalation: { escalated: true, step: 1 } });
    await update({ escalation: { escalated: true, step: 1 }, details: 'still nobody' });
    await t.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    expect(bodies(receiver).map((b) => b.blocks[0].text.text.split(' in ')[0])).toEqual(expect.arrayContaining(['🟡 Help pulled', '🟡 Escalated']));
  });
});

describe('webhook API', () => {
  it('answers the secret once, lists without it, shows deliveries and redelivers with the same webhook-id', async () => {
    const { t, receiver, admin } = await setUp();
    const { slug, webhook } = await createAreaWithWebhook(admin, 'json', receiver.url);
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await pull(admin, slug, 'Something odd');
    await t.app.webhooks.runDue();
    const [delivery] = (await admin.request({ method: 'GET', url: `/api/webhooks/${webhook.id}/deliveries` })).json<DeliveryList>().items;
    expect(delivery).toMatchObject({ event: 'problem.raised', status: 'delivered', attempts: 1, responseCode: 200, error: null, nextAttemptAt: null });

    const again = await admin.request({ method: 'POST', url: `/api/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver` });
    expect(again.statusCode).toBe(202);
    await t.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1].headers['webhook-id']).toBe(receiver.requests[0].headers['webhook-id']);

    const removed = await admin.request({ method: 'DELETE', url: `/api/areas/${slug}/webhooks/${webhook.id}` });
    expect(removed.statusCode).toBe(204);
    await pull(admin, slug, 'After removal');
    await t.app.webhooks.runDue();
    expect(receiver.requests).toHaveLength(2);
  });

  it('refuses bad input and non-admins with a clear 4xx, changing nothing', async () => {
    const { t, admin } = await setUp();
    const area = (await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Assembly' } })).json<Area>();
    const post = (payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/areas/${area.slug}/webhooks`, payload, headers: { origin: ORIGIN, cookie: admin.cookie, ...headers } });
    expect((await post({ format: 'discord', url: 'https://chat.example.com/' })).statusCode).toBe(400);
    expect((await post({ format: 'slack' })).statusCode).toBe(400);
    expect((await post({ format: 'slack', url: 'not a url' })).statusCode).toBe(400);
    const token = await createToken(admin);
    const byToken = await t.app.inject({ method: 'POST', url: `/api/areas/${area.slug}/webhooks`, payload: { format: 'slack', url: 'http://10.0.0.1/' }, headers: { authorization: token } });
    expect(byToken.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/areas/${area.slug}/webhooks` })).statusCode).toBe(401);
    expect((await admin.request({ method: 'POST', url: '/api/areas/nowhere/webhooks', payload: { format: 'slack', url: 'http://10.0.0.1/' } })).statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: '/api/webhooks/unknown/deliveries' })).statusCode).toBe(404);
    expect((await admin.request({ method: 'POST', url: '/api/webhooks/unknown/deliveries/nope/redeliver' })).statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: `/api/areas/${area.slug}/webhooks` })).json<WebhookList>().items).toEqual([]);
  });
});
