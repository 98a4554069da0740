import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { KioskPull, PullLink } from '../../shared/pull-links.ts';
import { adminFetch, asAdmin, twoPeopleInBrowser } from '../helpers/browser-andon.ts';
import { pageWithSession, recordPolicyRefusals } from '../helpers/browser.ts';

// One pull per link a minute, so the last test can meet the limit with two taps.
const andon = twoPeopleInBrowser({ env: { ANDON_PULL_LINK_RATE_LIMIT: '1' } });

const EVENTUALLY = { timeout: 15_000 };
// A phone held in one hand, or in a glove: the size of the QR-code scan.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let contexts: BrowserContext[] = [];
/** What the Content-Security-Policy refused on any page of these tests: nothing, or the QR code or the kiosk would be broken. */
let refusals: string[] = [];

const makeLink = (label: string) => asAdmin<PullLink>(andon, 'POST', '/api/areas/general/pull-links', { label });

/** A phone with no session at all, as a visitor scanning the QR code has. */
async function phone(): Promise<Page> {
  const context = await andon.browser.newContext(PHONE);
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  recordPolicyRefusals(page, refusals);
  return page;
}

function pullAnswered(page: Page, act: () => Promise<void>): Promise<KioskPull> {
  return Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/pulls') && r.status() === 201),
    act(),
  ]).then(([response]) => response.json() as Promise<KioskPull>);
}

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
  expect(refusals).toEqual([]);
  refusals = [];
});

describe('a pull link on a phone', () => {
  it('pulls Stop in two touches without an account, is acknowledged with its number, and is on the board', async () => {
    const link = await makeLink('Line 3 tablet');
    const page = await phone();
    await page.goto(link.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Pull the cord' }).isVisible(), EVENTUALLY).toBe(true);
    // The page says where the pull goes once the link has been looked up, a moment after its heading.
    await page.getByText('General', { exact: true }).waitFor();
    await page.getByText('Line 3 tablet').waitFor();
    // No sign-in between the person and the cord.
    expect(await page.getByRole('link', { name: /sign in/i }).count()).toBe(0);

    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    const box = await stop.boundingBox();
    // Big enough for a gloved thumb: the whole width of the phone, and far taller than a finger.
    expect(box?.height).toBeGreaterThanOrEqual(140);
    expect(box?.width).toBeGreaterThanOrEqual(300);

    const pulled = await pullAnswered(page, () => stop.tap());
    expect(pulled.level).toBe('stop');
    await expect.poll(() => page.getByRole('status').textContent(), EVENTUALLY).toContain(`Pulled #${pulled.number}`);
    expect(await page.getByRole('status').textContent()).toContain('Stop pulled at Line 3 tablet');

    const board = await pageWithSession(andon.browser, andon.server.url, andon.member);
    contexts.push(board.context());
    await board.goto(`${andon.server.url}/board`);
    const card = board.getByRole('link', { name: new RegExp(`^#${pulled.number} `) });
    await expect.poll(() => card.textContent(), EVENTUALLY).toContain('Stop pulled at Line 3 tablet');
    expect(await card.textContent()).toContain('raised by Line 3 tablet');
  });

  it('records the name typed and what was seen', async () => {
    const link = await makeLink('Front desk');
    const page = await phone();
    await page.goto(link.url);
    await page.getByLabel(/What did you see/).fill('Visitor badge printer jammed');
    await page.getByLabel(/Your name/).fill('Mia');
    const pulled = await pullAnswered(page, () => page.getByRole('button', { name: 'Help', exact: true }).tap());
    await expect.poll(() => page.getByRole('status').textContent(), EVENTUALLY).toContain(`Pulled #${pulled.number}`);
    const problem = (await (await fetch(`${andon.server.url}/api/problems/${pulled.number}`, { headers: { cookie: andon.member } })).json()) as { title: string; raisedBy: { kind: string; name: string } };
    expect(problem).toMatchObject({ title: 'Visitor badge printer jammed', raisedBy: { kind: 'link', name: 'Mia' } });
  });

  it('shows a clear page, not an error, for a link that was turned off', async () => {
    const link = await makeLink('Old sticker');
    const revoked = await adminFetch(andon, 'DELETE', `/api/areas/general/pull-links/${link.id}`);
    expect(revoked.status).toBe(204);
    const page = await phone();
    await page.goto(link.url);
    await expect.poll(() => page.getByRole('heading', { name: 'This pull link does not work' }).isVisible(), EVENTUALLY).toBe(true);
    expect(await page.getByText(/was turned off/).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).count()).toBe(0);
  });

  it('says calmly that a pull over the limit is kept and sent later', async () => {
    const link = await makeLink('Stuck kiosk');
    const page = await phone();
    await page.goto(link.url);
    await pullAnswered(page, () => page.getByRole('button', { name: 'Help', exact: true }).tap());
    await page.getByRole('button', { name: 'Make another pull' }).tap();
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/pulls') && r.status() === 429);
    await page.getByRole('button', { name: 'Stop', exact: true }).tap();
    await refused;
    await expect.poll(() => page.getByRole('status').textContent(), EVENTUALLY).toContain('Kept on this device');
    expect(await page.getByRole('status').textContent()).toContain('Many pulls came from here just now');
  });
});

describe('pull links in Settings', () => {
  it('makes a link, shows its QR card, prints the card alone, and turns the link off', async () => {
    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    contexts.push(page.context());
    recordPolicyRefusals(page, refusals);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${andon.server.url}/settings`);
    await page.getByLabel('Where it is used (optional)').fill('Packing bench');
    await page.getByRole('button', { name: 'Make pull link' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Packing bench' });
    const qr = row.getByRole('img', { name: /QR code for the pull link of General, Packing bench/ });
    await qr.waitFor();
    const address = await row.getByLabel('Address of Packing bench').inputValue();
    expect(address).toMatch(new RegExp(`^${andon.server.url}/k/[a-z0-9]{24}$`));
    expect(await row.getByText('Pull the cord').isVisible()).toBe(true);

    // Printing: only the chosen card is on the sheet.
    await page.evaluate(() => { window.print = () => undefined; });
    await row.getByRole('button', { name: 'Print card' }).click();
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('printing-pull-card'))).toBe(true);
    const hidden = (text: string) => page.getByText(text).first().evaluate((el) => getComputedStyle(el).visibility === 'hidden');
    expect(await hidden('Webhooks')).toBe(true);
    // (The row around the card is hidden now, so out of the accessibility tree: find the card by what it is.)
    const printed = page.locator('.pull-card--printing');
    expect(await printed.count()).toBe(1);
    expect(await printed.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    expect(await printed.textContent()).toContain('Packing bench');
    await page.emulateMedia({ media: 'screen' });

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /Turn off pull link Packing bench/ }).click();
    await expect.poll(() => row.textContent(), EVENTUALLY).toContain('Turned off');
    const kiosk = await phone();
    await kiosk.goto(address);
    await kiosk.getByRole('heading', { name: 'This pull link does not work' }).waitFor();
  });
});
