import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PULL_RETRY } from '../../web/src/browser/backoff.ts';
import { twoPeopleInBrowser } from '../helpers/browser-andon.ts';
import { pageWithSession, pullAnsweredFor, recordPolicyRefusals } from '../helpers/browser.ts';
import { ADMIN, addMember, MEMBER, setUpAdmin } from '../helpers/organisation.ts';
import { uniqueTitle } from '../helpers/problems.ts';
import { startServer, tempDataDir } from '../helpers/server-process.ts';

/** Bo (a member) is set up over HTTP; setting up through the pages is a test of its own. */
const andon = twoPeopleInBrowser();

// Each test signs in its own browser context and pulls problems with titles of its own, so the tests
// hold in any order. The two that need a server of their own (an empty one to set up, one to stop)
// start it, rather than reset or stop the one the others share.

/** What Chromium refused under Andon's Content-Security-Policy, on any page any test opened. */
const refusedByPolicy: string[] = [];
let pages: Page[] = [];

async function watched(page: Page): Promise<Page> {
  recordPolicyRefusals(page, refusedByPolicy);
  pages.push(page);
  return page;
}

const memberPage = async (url = andon.server.url, session = andon.member) => watched(await pageWithSession(andon.browser, url, session));

async function pullResult(page: Page, number: number) {
  const result = page.locator('.pull-result');
  await result.getByRole('link', { name: `#${number}`, exact: true }).waitFor();
  return result;
}

/** How many problems have this title, across every page of the list: exactly once means no duplicate. */
function problemsTitled(page: Page, title: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const list = (await (await fetch(`/api/problems?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
        items: { title: string }[];
        nextCursor: string | null;
      };
      count += list.items.filter((p) => p.title === wanted).length;
      cursor = list.nextCursor;
    } while (cursor);
    return count;
  }, title);
}

afterEach(async () => {
  await Promise.all(pages.map((page) => page.context().close()));
  pages = [];
  expect(refusedByPolicy.splice(0)).toEqual([]);
});

describe('pulling from the web page, as a new organisation would', () => {
  it('sets up the first admin, who invites a member', async () => {
    const own = tempDataDir();
    const empty = await startServer({ dataDir: own.dir });
    try {
      const admin = await watched(await (await andon.browser.newContext()).newPage());
      await admin.goto(empty.url);
      await admin.waitForURL(/\/setup$/);
      await admin.getByLabel('Your name').fill(ADMIN.name);
      await admin.getByLabel('Email').fill(ADMIN.email);
      await admin.getByLabel('Password').fill(ADMIN.password);
      await admin.getByRole('button', { name: 'Create admin account' }).click();
      await admin.getByLabel('What did you see?').waitFor();

      await admin.getByRole('link', { name: 'Settings' }).click();
      await admin.getByLabel('Their email (optional)').fill(MEMBER.email);
      await admin.getByRole('button', { name: 'Create invite link' }).click();
      const link = await admin.getByLabel('Invite link').inputValue();
      expect(link).toMatch(new RegExp(`^${empty.url}/invite/`));

      const joining = await watched(await (await andon.browser.newContext()).newPage());
      await joining.goto(link);
      await joining.getByLabel('Your name').fill(MEMBER.name);
      await joining.getByLabel('Password').fill(MEMBER.password);
      await joining.getByRole('button', { name: 'Join' }).click();
      await joining.getByLabel('What did you see?').waitFor();
      expect(await joining.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    } finally {
      await empty.stop();
      own.remove();
    }
  }, 90_000); // it starts a server of its own, which takes a busy 2-core machine most of a minute

  it('pulls Help by typing a line and pressing Enter, and shows the number at once', async () => {
    const page = await memberPage();
    await page.goto(andon.server.url);
    const field = page.getByLabel('What did you see?');
    const title = uniqueTitle('Checkout returns 500 for card payments');
    await field.fill(title);
    const pulled = await pullAnsweredFor(page, () => field.press('Enter'));
    expect(pulled).toMatchObject({ title, level: 'help' });
    const result = await pullResult(page, pulled.number);
    expect(await result.textContent()).toMatch(/Help[\s\S]*Raised/);
    expect(await field.inputValue()).toBe('');
  });

  it('pulls Stop with its button, from /pull as well as from /', async () => {
    const page = await memberPage();
    await page.goto(`${andon.server.url}/pull`);
    const title = uniqueTitle('Line 3 conveyor jammed');
    await page.getByLabel('What did you see?').fill(title);
    const pulled = await pullAnsweredFor(page, () => page.getByRole('button', { name: 'Stop', exact: true }).click());
    expect(pulled).toMatchObject({ title, level: 'stop' });
    const result = await pullResult(page, pulled.number);
    expect(await result.textContent()).toContain('Stop');
    await result.getByRole('link', { name: `#${pulled.number}`, exact: true }).click();
    await page.getByRole('heading', { name: `#${pulled.number} ${title}` }).waitFor();
  });

  it('keeps a pull made offline through a reload, and sends it exactly once when the network is back', async () => {
    const page = await memberPage();
    await page.goto(andon.server.url);
    await page.getByRole('link', { name: 'Pull', exact: true }).click();
    const context = page.context();
    await context.setOffline(true);
    const title = uniqueTitle('Badge reader at gate B is dead');
    await page.getByLabel('What did you see?').fill(title);
    await page.getByRole('button', { name: 'Help', exact: true }).click();
    const notice = page.getByTestId('pull-queue');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Not sent yet — 1 pull/);

    // The server stays out of reach while the page reloads: the pull must survive in the browser.
    await page.route('**/api/problems', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Not sent yet — 1 pull/);

    await page.unroute('**/api/problems');
    await context.setOffline(true);
    await context.setOffline(false); // the browser's "online" event triggers the retry
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await problemsTitled(page, title)).toBe(1);
  });

  it('opens the pull page from the kept shell while the server is down, and sends the pull made there once it is back', async () => {
    const own = tempDataDir();
    let stoppable = await startServer({ dataDir: own.dir });
    try {
      const page = await memberPage(stoppable.url, await addMember(stoppable.url, await setUpAdmin(stoppable.url)));
      // The page's clock runs as the real one, except where the test jumps it past the queue's backoff.
      await page.clock.install();
      await page.goto(stoppable.url);
      // The service worker keeps the shell once it controls the page.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
      const port = stoppable.port;
      await stoppable.stop();

      await page.reload();
      const title = uniqueTitle('Fire door on level 2 propped open');
      await page.getByLabel('What did you see?').fill(title);
      await page.getByRole('button', { name: 'Help', exact: true }).click();
      const notice = page.getByTestId('pull-queue');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/Not sent yet — 1 pull/);

      stoppable = await startServer({ dataDir: own.dir, port });
      // Nothing tells the page the server is back: the queue's next retry, at most its longest backoff
      // away, sends it. The wait is jumped over rather than sat through; a retry that failed just before
      // the server answered has put off the next one again, so it jumps until the pull has gone (2 s
      // apart, so that a jump does not also run out the timeout of a pull on its way).
      await expect.poll(async () => {
        await page.clock.fastForward(PULL_RETRY.maxMs);
        return notice.count();
      }, { interval: 2_000, timeout: 30_000 }).toBe(0);
      expect(await problemsTitled(page, title)).toBe(1);
    } finally {
      await stoppable.stop();
      own.remove();
    }
  }, 90_000);

  it('opens the board and the API docs, and nothing on any page was refused by the content security policy', async () => {
    const page = await memberPage();
    await page.goto(andon.server.url);
    const title = uniqueTitle('Guard rail loose on mezzanine');
    await page.getByLabel('What did you see?').fill(title);
    const pulled = await pullAnsweredFor(page, () => page.getByRole('button', { name: 'Help', exact: true }).click());
    await page.goto(`${andon.server.url}/problems/${pulled.number}`);
    await page.getByRole('heading', { name: `#${pulled.number} ${title}` }).waitFor();
    await page.goto(`${andon.server.url}/board`);
    await page.getByRole('link', { name: new RegExp(`^#${pulled.number} `) }).waitFor();
    await page.goto(`${andon.server.url}/api/docs`);
    await page.getByRole('heading', { name: /Andon API/ }).waitFor();
    // Every test's pages are checked after it too; this one opens the pages no other test opens.
    expect(refusedByPolicy).toEqual([]);
  });
});
