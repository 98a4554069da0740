import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { setUpWithToken, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';

const data = tempDataDir();
let server: ServerProcess;
let browser: Browser;
let watcher: Page;
let puller: Page;
let token: string;

async function signedIn(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('What did you see?').waitFor();
  return page;
}

async function pull(page: Page, title: string, level: 'Help' | 'Stop'): Promise<void> {
  await page.getByLabel('What did you see?').fill(title);
  await page.getByRole('button', { name: level, exact: true }).click();
}

const card = (page: Page, number: number) => page.getByRole('link', { name: new RegExp(`^#${number} `) });
const connection = (page: Page) => page.getByTestId('connection');

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dataDir: data.dir });
  token = await setUpWithToken(server.url);
  watcher = await signedIn();
  puller = await signedIn();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data.remove();
});

describe('the live board', () => {
  it('shows a pull from another browser within one second, without a reload', async () => {
    await watcher.goto(`${server.url}/board`);
    await expect.poll(() => connection(watcher).textContent()).toBe('live');

    await Promise.all([
      card(watcher, 1).waitFor({ timeout: 1_000 }),
      pull(puller, 'Smoke from press 4', 'Stop'),
    ]);
    const raised = watcher.locator('.column--raised');
    const text = await raised.getByRole('link', { name: /^#1 / }).textContent();
    expect(text).toContain('Smoke from press 4');
    expect(text).toContain('Stop'); // the level is said in words, not only in red
  });

  it('keeps what it shows while offline and catches up when the network is back', async () => {
    const context: BrowserContext = watcher.context();
    await watcher.evaluate(() => ((window as unknown as { stayedLoaded: boolean }).stayedLoaded = true));
    await context.setOffline(true);
    await expect.poll(() => connection(watcher).textContent(), { timeout: 15_000 }).not.toBe('live');
    await expect(card(watcher, 1).count()).resolves.toBe(1);

    await pull(puller, 'Label printer out of ribbon', 'Help');
    await puller.locator('.pull-result').getByRole('link', { name: '#2' }).waitFor();
    await pull(puller, 'Torque wrench out of calibration', 'Help');
    await puller.locator('.pull-result').getByRole('link', { name: '#3' }).waitFor();

    await context.setOffline(false);
    await expect.poll(() => connection(watcher).textContent(), { timeout: 15_000 }).toBe('live');
    await card(watcher, 2).waitFor({ timeout: 5_000 });
    await card(watcher, 3).waitFor({ timeout: 5_000 });
    await expect(watcher.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded)).resolves.toBe(true);
  });

  it('moves a card when its status changes elsewhere, and keeps the filter in the URL', async () => {
    await puller.goto(`${server.url}/problems/2`);
    await puller.getByRole('button', { name: 'Start swarming' }).click();
    await watcher.locator('.column--swarming').getByRole('link', { name: /^#2 / }).waitFor({ timeout: 2_000 });

    await watcher.goto(`${server.url}/board?level=stop`);
    await card(watcher, 1).waitFor();
    await expect(card(watcher, 2).count()).resolves.toBe(0);
  });

  it('keeps only the cards in view in the DOM with 1,000 open problems, and reaches the oldest by keyboard', async () => {
    for (let start = 0; start < 1_000; start += 100) {
      await Promise.all(Array.from({ length: 100 }, async (_, i) => {
        const response = await fetch(`${server.url}/api/problems`, {
          method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ title: `Bulk problem ${start + i}` }),
        });
        expect(response.status).toBe(201);
      }));
    }
    await watcher.goto(`${server.url}/board`);
    const raised = watcher.locator('.column--raised');
    await expect.poll(() => raised.locator('.column__count').textContent()).toBe('1002');
    expect(await raised.getByRole('link').count()).toBeLessThan(60);

    await raised.getByRole('link').first().focus();
    await watcher.keyboard.press('End');
    // The oldest raised problem is #1, a thousand cards down: scrolled in and focused.
    await expect.poll(() => card(watcher, 1).evaluate((el) => el === document.activeElement)).toBe(true);
  }, 60_000);

  it('marks a pull nobody has started on once its area\'s response target has passed', async () => {
    const page = await signedIn();
    await page.clock.install();
    // Only the Stops: #1 is raised, in General (target 5 min), and not lost below a thousand newer Helps.
    await page.goto(`${server.url}/board?level=stop`);
    const waiting = card(page, 1);
    await waiting.waitFor();
    await expect(waiting.textContent()).resolves.not.toContain('target');

    await page.clock.fastForward('06:00');
    await expect.poll(() => waiting.textContent()).toContain('Over 5 min target');
    await page.context().close();
  });

  it('raises a Help to Stop and moves it to another area from its page; a board following that area sees it arrive', async () => {
    await puller.evaluate(async () => {
      const response = await fetch('/api/areas', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Line 3' }) });
      if (response.status !== 201) throw new Error(`creating the area answered ${response.status}`);
    });
    await watcher.goto(`${server.url}/board?area=line-3`);
    await expect.poll(() => connection(watcher).textContent()).toBe('live');
    await expect(card(watcher, 3).count()).resolves.toBe(0);

    await puller.goto(`${server.url}/problems/3`);
    const routing = puller.getByRole('form', { name: 'Level and area' });
    await routing.getByLabel('Level').selectOption('stop');
    await routing.getByLabel('Area').selectOption('line-3');
    await routing.getByRole('button', { name: 'Save level and area' }).click();
    await routing.getByRole('status').filter({ hasText: '#3 is now a Stop pull in Line 3.' }).waitFor({ timeout: 5_000 });

    await card(watcher, 3).waitFor({ timeout: 2_000 });
    await expect(card(watcher, 3).textContent()).resolves.toContain('Stop');
  });
});
