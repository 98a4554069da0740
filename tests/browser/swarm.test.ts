import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { twoPeopleInBrowser } from '../helpers/browser-andon.ts';
import { alertsLive, pageWithSession, pullAnsweredFor, recordPolicyRefusals } from '../helpers/browser.ts';
import { MEMBER, setResponders } from '../helpers/organisation.ts';
import { uniqueTitle } from '../helpers/problems.ts';

const EVENTUALLY = { timeout: 15_000 };

const andon = twoPeopleInBrowser();
const refusedByPolicy: string[] = [];

// Bo answers the pulls of General, the area a pull lands in when it names none.
beforeAll(() => setResponders(andon.server.url, andon.admin, 'general', [andon.member]));

async function open(session: string, permissions: string[] = []): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, session, { permissions });
  recordPolicyRefusals(page, refusedByPolicy);
  return page;
}

const swarm = (page: Page) => page.getByRole('list', { name: 'In the swarm' });
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });

async function addEntry(page: Page, kind: string, body: string) {
  const form = page.getByRole('form', { name: 'Add to the timeline' });
  await form.getByLabel('Kind of entry').selectOption(kind);
  await form.getByLabel('Entry (Markdown)').fill(body);
  await form.getByRole('button', { name: 'Add entry' }).click();
  await expect.poll(() => form.getByLabel('Entry (Markdown)').inputValue(), EVENTUALLY).toBe('');
}

describe('two people swarming one problem', () => {
  it('one pulls; the responder gets the alert on another page, opens it, joins, leads, and works it; the first sees it all live', async () => {
    // Bo, a responder, is on the board, with notifications allowed in this browser.
    const bo = await open(andon.member, ['notifications']);
    await bo.goto(`${andon.server.url}/board`);
    await expect.poll(() => bo.getByTestId('connection').textContent(), EVENTUALLY).toBe('live');
    await alertsLive(bo);
    await bo.evaluate(() => navigator.serviceWorker.ready);

    const ada = await open(andon.admin);
    await ada.goto(andon.server.url);
    const title = uniqueTitle('Label printer jams on line 2');
    await ada.getByLabel('What did you see?').fill(title);
    const problem = await pullAnsweredFor(ada, () => ada.getByRole('button', { name: 'Help', exact: true }).click());
    // Ada pulled: she is not alerted of her own pull.
    await ada.goto(`${andon.server.url}/problems/${problem.number}`);
    await expect.poll(() => ada.getByTestId('connection').textContent(), EVENTUALLY).toBe('live');
    await ada.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const banner = bo.getByRole('alert').filter({ hasText: `#${problem.number}` });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Help pulled in General: #${problem.number}`);
    expect(await banner.textContent()).toContain(title);
    expect(await banner.textContent()).toContain('Pulled by Ada Admin');
    // And a system notification, through the service worker, so it shows with the tab in the background too.
    const notifications = () => bo.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title} | ${n.body}`));
    await expect.poll(notifications, EVENTUALLY).toEqual([`Help pulled in General: #${problem.number} | ${title}\nPulled by Ada Admin`]);
    expect(await ada.getByRole('alert').filter({ hasText: `#${problem.number}` }).count()).toBe(0);

    await bo.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await banner.getByRole('link', { name: `Open #${problem.number}` }).click();
    await bo.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
    expect(await banner.count()).toBe(0); // opening it acknowledged it
    expect(await bo.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect.poll(() => bo.getByTestId('connection').textContent(), EVENTUALLY).toBe('live');
    await bo.getByRole('button', { name: 'Join the swarm' }).click();

    const boInSwarm = swarm(bo).getByRole('listitem').filter({ hasText: MEMBER.name });
    await expect.poll(() => boInSwarm.textContent(), EVENTUALLY).toContain('Lead');
    await expect.poll(() => boInSwarm.textContent(), EVENTUALLY).toContain('Here now');
    // Ada sees Bo join, lead and be present, without a reload.
    const boForAda = swarm(ada).getByRole('listitem').filter({ hasText: MEMBER.name });
    await expect.poll(() => boForAda.textContent(), EVENTUALLY).toContain('Lead');
    await expect.poll(() => boForAda.textContent(), EVENTUALLY).toContain('Here now');
    await expect.poll(() => ada.locator('.badge--status').textContent(), EVENTUALLY).toContain('Swarming');

    await addEntry(bo, 'hypothesis', 'The **label roll** is loaded backwards');
    await addEntry(bo, 'result', 'Reloading the roll: 50 labels, no jam');
    const ledger = bo.getByRole('list', { name: 'Open hypotheses' });
    await ledger.getByRole('button', { name: /^Confirm/ }).click();
    await expect.poll(() => bo.getByRole('list', { name: 'Confirmed hypotheses' }).textContent(), EVENTUALLY).toContain('label roll');

    // Both entries, and the verdict, reach Ada live.
    await expect.poll(() => timeline(ada).textContent(), EVENTUALLY).toContain('is loaded backwards');
    await expect.poll(() => timeline(ada).textContent(), EVENTUALLY).toContain('50 labels, no jam');
    expect(await timeline(ada).locator('.timeline__entry--hypothesis strong').textContent()).toBe('label roll');
    await expect.poll(() => ada.getByRole('list', { name: 'Confirmed hypotheses' }).textContent(), EVENTUALLY).toContain('label roll');
    await expect.poll(() => timeline(ada).locator('.timeline__entry--hypothesis').textContent(), EVENTUALLY).toContain('Confirmed');

    await bo.getByRole('button', { name: 'Contained' }).click();
    await expect.poll(() => ada.locator('.badge--status').textContent(), EVENTUALLY).toContain('Contained');
    await bo.getByRole('button', { name: 'Resolved' }).click();
    await expect.poll(() => ada.locator('.badge--status').textContent(), EVENTUALLY).toContain('Resolved');
    await expect.poll(() => timeline(ada).textContent(), EVENTUALLY).toContain('contained → resolved');

    expect(await ada.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(refusedByPolicy).toEqual([]);
    await Promise.all([ada.context().close(), bo.context().close()]);
  }, 120_000);

  it('dismisses a problem as a duplicate of another from its page, says so on the timeline, and reopens it', async () => {
    const page = await open(andon.member);
    await page.goto(andon.server.url);
    const first = await pullAnsweredFor(page, async () => {
      await page.getByLabel('What did you see?').fill(uniqueTitle('Scale reads 2 kg heavy'));
      await page.getByRole('button', { name: 'Help', exact: true }).click();
    });
    await page.getByRole('button', { name: 'Help', exact: true }).waitFor();
    const second = await pullAnsweredFor(page, async () => {
      await page.getByLabel('What did you see?').fill(uniqueTitle('Scale is off again'));
      await page.getByRole('button', { name: 'Help', exact: true }).click();
    });
    await page.goto(`${andon.server.url}/problems/${second.number}`);
    await page.getByRole('button', { name: 'Dismiss…' }).click();
    const form = page.getByRole('form', { name: 'Dismiss this problem' });
    await form.getByLabel('A duplicate of another problem').check();
    await form.getByLabel('Duplicate of problem number').fill(String(first.number));
    await form.getByRole('button', { name: 'Dismiss problem' }).click();
    await expect.poll(() => page.locator('.badge--status').textContent(), EVENTUALLY).toContain('Dismissed');
    await expect.poll(() => timeline(page).textContent(), EVENTUALLY).toContain(`raised → dismissed: Duplicate of #${first.number}`);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => page.locator('.badge--status').textContent(), EVENTUALLY).toContain('Raised');
    expect(refusedByPolicy).toEqual([]);
    await page.context().close();
  }, 60_000);
});
