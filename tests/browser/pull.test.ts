import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';

const data = tempDataDir();
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dataDir: data.dir });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  data.remove();
});

async function pullResult(page: Page) {
  const status = page.locator('.pull-result');
  await status.getByRole('link', { name: /^#\d+$/ }).waitFor({ timeout: 10_000 });
  return status;
}

async function problemsTitled(page: Page, title: string): Promise<number> {
  const list = await page.evaluate(async () => (await fetch('/api/problems?limit=200')).json());
  return list.items.filter((p: { title: string }) => p.title === title).length;
}

describe('pulling from the web page, as a new organisation would', () => {
  let memberPage: Page;
  /** What the browser refused under Andon's Content-Security-Policy, on any page the member opened. */
  const refusedByPolicy: string[] = [];

  it('sets up the first admin, who invites a member', async () => {
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(server.url);
    await admin.waitForURL(/\/setup$/);
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Email').fill('ada@example.com');
    await admin.getByLabel('Password').fill('a long enough password');
    await admin.getByRole('button', { name: 'Create admin account' }).click();
    await admin.getByLabel('What did you see?').waitFor();

    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByLabel('Their email (optional)').fill('bo@example.com');
    await admin.getByRole('button', { name: 'Create invite link' }).click();
    const link = await admin.getByLabel('Invite link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/invite/`));

    memberPage = await (await browser.newContext()).newPage();
    memberPage.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refusedByPolicy.push(`${new URL(memberPage.url()).pathname}: ${message.text()}`);
    });
    await memberPage.goto(link);
    await memberPage.getByLabel('Your name').fill('Bo Member');
    await memberPage.getByLabel('Password').fill('bo has a long password');
    await memberPage.getByRole('button', { name: 'Join' }).click();
    await memberPage.getByLabel('What did you see?').waitFor();
    await expect(memberPage.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(0);
  });

  it('pulls Help by typing a line and pressing Enter, and shows the number at once', async () => {
    const field = memberPage.getByLabel('What did you see?');
    await field.fill('Checkout returns 500 for card payments');
    await field.press('Enter');
    const result = await pullResult(memberPage);
    await expect(result.getByRole('link', { name: '#1' }).count()).resolves.toBe(1);
    await expect(result.textContent()).resolves.toMatch(/Help[\s\S]*Raised/);
    await expect(field.inputValue()).resolves.toBe('');
  });

  it('pulls Stop with its button, from /pull as well as from /', async () => {
    await memberPage.goto(`${server.url}/pull`);
    await memberPage.getByLabel('What did you see?').fill('Line 3 conveyor jammed');
    await memberPage.getByRole('button', { name: 'Stop', exact: true }).click();
    const result = await pullResult(memberPage);
    await result.getByRole('link', { name: '#2' }).waitFor();
    await expect(result.textContent()).resolves.toContain('Stop');
    await result.getByRole('link', { name: '#2' }).click();
    await memberPage.getByRole('heading', { name: /#2 Line 3 conveyor jammed/ }).waitFor();
  });

  it('keeps a pull made offline through a reload, and sends it exactly once when the network is back', async () => {
    await memberPage.getByRole('link', { name: 'Pull', exact: true }).click();
    const context = memberPage.context();
    await context.setOffline(true);
    await memberPage.getByLabel('What did you see?').fill('Badge reader at gate B is dead');
    await memberPage.getByRole('button', { name: 'Help', exact: true }).click();
    const notice = memberPage.getByTestId('pull-queue');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Not sent yet — 1 pull/);

    // The server stays out of reach while the page reloads: the pull must survive in the browser.
    await memberPage.route('**/api/problems', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await memberPage.reload();
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Not sent yet — 1 pull/);

    await memberPage.unroute('**/api/problems');
    await context.setOffline(true);
    await context.setOffline(false); // the browser's "online" event triggers the retry
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    await expect(problemsTitled(memberPage, 'Badge reader at gate B is dead')).resolves.toBe(1);
  });

  it('opens the pull page from the kept shell while the server is down, and sends the pull made there once it is back', async () => {
    // The service worker keeps the shell once it controls the page.
    await memberPage.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    const port = server.port;
    await server.stop();

    await memberPage.reload();
    const field = memberPage.getByLabel('What did you see?');
    await field.fill('Fire door on level 2 propped open');
    await memberPage.getByRole('button', { name: 'Help', exact: true }).click();
    const notice = memberPage.getByTestId('pull-queue');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Not sent yet — 1 pull/);

    server = await startServer({ dataDir: data.dir, port });
    await notice.waitFor({ state: 'detached', timeout: 45_000 });
    await expect(problemsTitled(memberPage, 'Fire door on level 2 propped open')).resolves.toBe(1);
  }, 90_000);

  it('opens the board and the API docs, and nothing on any page was refused by the content security policy', async () => {
    await memberPage.goto(`${server.url}/board`);
    await memberPage.getByRole('link', { name: /Fire door on level 2/ }).waitFor();
    await memberPage.goto(`${server.url}/api/docs`);
    await memberPage.getByRole('heading', { name: /Andon API/ }).waitFor({ timeout: 15_000 });
    expect(refusedByPolicy).toEqual([]);
  });
});
