import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { accessibilityProblems } from '../helpers/accessibility.ts';
import { browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem } from '../helpers/problems.ts';
import { startReceiver, type ReceivedRequest } from '../helpers/webhook-receiver.ts';

const EVENTUALLY = { timeout: 20_000 };
const SHOTS = process.env.ANDON_SCREENSHOTS;
// The receiver is on 127.0.0.1, which the address guard refuses unless private addresses are allowed.
const andon = browserAndon({ env: { ANDON_WEBHOOK_ALLOW_PRIVATE: 'true' } });
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** How the receiver answers now: the test turns a working chat server into a broken or a gone one. */
let answer: 200 | 500 | 410 = 200;
/** While set, the receiver holds its answers until it settles: a delivery in flight. */
let held: Promise<void> | null = null;

beforeAll(async () => {
  receiver = await startReceiver((_n, res) => {
    void (held ?? Promise.resolve()).then(() => res.writeHead(answer).end(answer === 200 ? 'ok' : 'no'));
  });
});
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unassigned if beforeAll failed before starting it
  await receiver?.close();
});

async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const typeOf = (request: ReceivedRequest) => (JSON.parse(request.body) as { type: string; data: { number?: number } });
const pullsReceived = (number: number) => receiver.requests.filter((r) => {
  const sent = typeOf(r);
  return sent.type === 'problem.raised' && sent.data.number === number;
});

/** The webhook's row in Settings, read afresh from the server as an admin opening Settings would. */
async function rowAfterReload(page: Page, section: Locator, areaSlug: string): Promise<string> {
  await page.reload();
  await section.getByLabel('Area').selectOption(areaSlug);
  return (await section.getByRole('list', { name: 'Webhooks' }).getByRole('listitem').first().textContent()) ?? '';
}

describe('Settings → Webhooks', () => {
  it('adds a webhook for an area, shows its secret once, lists what was delivered, flags one that keeps failing, sends again, and enables a disabled one', async () => {
    const cookie = andon.admin;
    const token = await createToken(andon.server.url, cookie, 'line monitor');
    const area = await createArea(andon.server.url, cookie, 'Packing');
    const page = await pageWithSession(andon.browser, andon.server.url, cookie);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${andon.server.url}/settings`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByLabel('Area').selectOption(area.slug);
    await section.getByLabel('Format').selectOption('json');
    await section.getByLabel('Webhook URL').fill(receiver.url);
    await section.getByRole('button', { name: 'Add webhook' }).click();

    const secretField = section.getByRole('textbox', { name: 'Signing secret' });
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => section.getByRole('list', { name: 'Webhooks' }).textContent(), EVENTUALLY).toContain(receiver.url);
    await section.getByRole('button', { name: 'I have copied it' }).click();
    // After a reload Settings first shows General, the first area; its (empty) list answering late, after
    // Packing was chosen, must not replace Packing's. A busy server answered in that order in CI.
    let answerGeneral = () => {};
    const generalHeld = new Promise<void>((resolve) => { answerGeneral = resolve; });
    await page.route('**/api/areas/general/webhooks', async (route) => { await generalHeld; await route.continue(); });
    await page.reload();
    await section.getByLabel('Area').selectOption(area.slug);
    await section.getByRole('list', { name: 'Webhooks' }).waitFor();
    const generalAnswered = page.waitForResponse('**/api/areas/general/webhooks');
    answerGeneral();
    await generalAnswered;
    await page.unrouteAll();
    expect(await section.textContent()).not.toContain(secret); // shown once: not after a reload
    expect(await section.getByRole('textbox', { name: 'Signing secret' }).count()).toBe(0);

    // A pull in that area reaches the receiver, signed with the secret Settings showed.
    let answerPull = () => {};
    held = new Promise<void>((resolve) => { answerPull = resolve; });
    const first = await raiseProblem(andon.server.url, token, { title: 'Sealer 2 jams', area: area.slug });
    await expect.poll(() => pullsReceived(first.number).length, EVENTUALLY).toBe(1);
    const [delivered] = pullsReceived(first.number);
    expect(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>)).toMatchObject({ type: 'problem.raised' });

    // Opened while the receiver has not answered yet, the list shows the delivery pending, then how
    // it went once it has, without being opened again.
    await section.getByRole('button', { name: 'Deliveries' }).click();
    const pullRow = section.getByRole('row', { name: new RegExp(`problem\\.raised #${first.number}`) });
    await expect.poll(() => pullRow.textContent(), EVENTUALLY).toContain('Retrying');
    held = null;
    answerPull();
    await expect.poll(() => pullRow.textContent(), EVENTUALLY).toContain('Delivered');
    expect(await pullRow.textContent()).toContain('200');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, 'settings-webhook-deliveries-desk');

    // The receiver breaks: three failed attempts in a row and the webhook is flagged.
    answer = 500;
    const failedBefore = receiver.requests.length;
    await raiseProblem(andon.server.url, token, { title: 'Sealer 2 jams again', area: area.slug });
    await raiseProblem(andon.server.url, token, { title: 'Labeller 1 out of labels', area: area.slug });
    await raiseProblem(andon.server.url, token, { title: 'Wrapper 4 stopped', area: area.slug });
    await expect.poll(() => receiver.requests.length - failedBefore, EVENTUALLY).toBeGreaterThanOrEqual(3);
    await expect.poll(() => rowAfterReload(page, section, area.slug), EVENTUALLY).toContain('Failing');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'settings-webhook-failing-phone');
    await page.setViewportSize({ width: 1440, height: 900 });

    // It works again; "Send again" sends the delivered pull once more, as the same message, and the flag clears.
    answer = 200;
    await section.getByRole('button', { name: 'Deliveries' }).click();
    await pullRow.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => pullsReceived(first.number).length, EVENTUALLY).toBe(2);
    const [original, again] = pullsReceived(first.number);
    expect(again.headers['webhook-id']).toBe(original.headers['webhook-id']);
    expect(again.body).toBe(original.body);
    await expect.poll(() => rowAfterReload(page, section, area.slug), EVENTUALLY).not.toContain('Failing');

    // The receiver says 410 Gone: the webhook is disabled and sent nothing more until an admin enables it.
    answer = 410;
    const goneBefore = receiver.requests.length;
    await raiseProblem(andon.server.url, token, { title: 'Palletiser down', area: area.slug });
    await expect.poll(() => receiver.requests.length, EVENTUALLY).toBeGreaterThan(goneBefore);
    await expect.poll(() => rowAfterReload(page, section, area.slug), EVENTUALLY).toContain('Disabled (410 Gone)');
    const enable = section.getByRole('button', { name: `Enable webhook ${receiver.url} again` });
    answer = 200;
    await enable.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('list', { name: 'Webhooks' }).textContent(), EVENTUALLY).not.toContain('Disabled');
    expect(await enable.count()).toBe(0);
    const afterEnabling = await raiseProblem(andon.server.url, token, { title: 'Palletiser down again', area: area.slug });
    await expect.poll(() => pullsReceived(afterEnabling.number).length, EVENTUALLY).toBe(1);
    await section.getByRole('button', { name: 'Deliveries' }).click();
    const enabledRow = section.getByRole('row', { name: new RegExp(`problem\\.raised #${afterEnabling.number}`) });
    await expect.poll(() => enabledRow.textContent(), EVENTUALLY).toContain('Delivered');
  }, 180_000);
});
