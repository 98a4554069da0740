import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, setUpAdmin } from './helpers/app.ts';
import { inviteMember } from './helpers/members.ts';
import { publishLearning, resolvedProblem } from './helpers/learnings.ts';
import { createAreaWithWebhook, startReceiver } from './helpers/webhook-receiver.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a published learning goes out through its area\'s webhooks', () => {
  it('sends each chat format a message linking the learning, and json the learning.published event', async () => {
    const t = await createTestApp({ ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' });
    cleanups.push(() => t.close());
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const admin = await setUpAdmin(t.app);
    const { slug, areaName } = await createAreaWithWebhook(admin, 'slack', receiver.url);
    for (const format of ['mattermost', 'teams', 'json']) {
      expect((await admin.request({ method: 'POST', url: `/api/areas/${slug}/webhooks`, payload: { format, url: receiver.url } })).statusCode).toBe(201);
    }
    // A responder to tell in the app, which no receiver hears of.
    const responder = await inviteMember(t.app, admin, 'Rey Responder');
    expect((await admin.request({ method: 'PUT', url: `/api/areas/${slug}/responders`, payload: { userIds: [responder.id] } })).statusCode).toBe(200);
    const number = await resolvedProblem(admin, 'Labels printed blank');
    expect((await admin.request({ method: 'PATCH', url: `/api/problems/${number}`, payload: { area: slug } })).statusCode).toBe(200);
    await t.app.webhooks.runDue();
    receiver.requests.length = 0;

    const learning = await publishLearning(admin, number, { title: 'Ribbon ran out <!channel>' });
    await t.app.webhooks.runDue();
    const url = `${ORIGIN}/learnings/${learning.id}`;
    const bodies = receiver.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const chat = bodies.filter((b) => JSON.stringify(b).includes(url));
    const [slack] = chat.filter((b) => 'blocks' in b);
    expect(slack.text).toContain(`Learning published in ${areaName}`);
    expect(slack.text).toContain('&lt;!channel&gt;'); // a title cannot mention everyone
    expect(JSON.stringify(slack.blocks)).toContain(url);
    expect(chat.filter((b) => !('blocks' in b) && 'text' in b)).toHaveLength(1); // Mattermost
    expect(JSON.stringify(chat.filter((b) => b.type === 'message'))).toContain('Action.OpenUrl'); // Teams
    expect(bodies.filter((b) => typeof b.type === 'string' && b.type.startsWith('learning.')).map((b) => b.type)).toEqual(['learning.published']);
    const json = bodies.filter((b) => b.type === 'learning.published');
    expect(json).toEqual([expect.objectContaining({ type: 'learning.published', data: { id: learning.id, problemNumber: number, area: slug, title: 'Ribbon ran out <!channel>', revision: 1 } })]);
  });
});
