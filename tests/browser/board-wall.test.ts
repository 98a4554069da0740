import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminFetch, browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession, recordPolicyRefusals } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';
import { startServer } from '../helpers/server-process.ts';

const andon = browserAndon();

// The board as a wall screen shows it (TV mode), Stops and late pulls that nobody can miss, and the
// phone board holding still while it loads. Each test makes its own area and looks only at it.

const EVENTUALLY = { timeout: 15_000 };
const VIEWPORTS = [
  { name: 'wall', width: 1920, height: 1080 },
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

let token: string;
let pages: Page[] = [];

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
  pages.push(page);
  await page.setViewportSize(viewport);
  return page;
}

async function openBoard(page: Page, query: string): Promise<void> {
  await page.goto(`${andon.server.url}/board${query}`);
  await expect.poll(() => page.getByTestId('connection').textContent(), EVENTUALLY).toBe('live');
}

const card = (page: Page, number: number) => page.getByRole('link', { name: new RegExp(`^#${number} `) });
const raisedOrder = (page: Page) =>
  page.locator('.column--raised [data-card-index]').evaluateAll((cards) => cards.map((c) => Number(/#(\d+)/.exec(c.textContent)?.[1])));
const background = (page: Page, number: number) => card(page, number).evaluate((el) => getComputedStyle(el).backgroundColor);

function setTarget(slug: string, minutes: number) {
  return adminFetch(andon, 'PATCH', `/api/areas/${slug}`, { responseTargetMinutes: minutes });
}

beforeAll(async () => {
  token = await createToken(andon.server.url, andon.admin, 'wall test machine');
});
afterEach(async () => {
  await Promise.all(pages.map((page) => page.context().close()));
  pages = [];
});

describe.each(VIEWPORTS)('TV mode at $name size ($width×$height)', (viewport) => {
  it('shows the board alone, titles read from across a room, nothing past the screen, and "+N more" for a full column', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Wall');
    for (let i = 0; i < 30; i++) await raiseProblem(andon.server.url, token, { title: `Pallet ${i} waiting at the wrapper`, area: area.slug });
    const page = await open(viewport);
    await openBoard(page, `?area=${area.slug}&tv=1`);
    const raised = page.locator('.column--raised');
    await expect.poll(() => raised.getByTestId('more').textContent(), EVENTUALLY).toMatch(/^\+\d+ more$/);

    expect(await page.locator('header.app-header').count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Filter the board' }).count()).toBe(0);
    expect(await page.getByTestId('tv-clock').textContent()).toMatch(/\d/);

    const shown = await raised.getByRole('link').count();
    expect(shown).toBeGreaterThan(0);
    expect(await raised.getByTestId('more').textContent()).toBe(`+${30 - shown} more`);

    const titleSize = await raised.locator('.card__title').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(titleSize).toBeGreaterThanOrEqual(viewport.height * 0.025);

    const overflowing = await page.evaluate(() => {
      const out: string[] = [];
      // What can be seen of each element: its box, cut by every ancestor that clips (an ellipsis, say).
      function seen(el: Element) {
        let { left, top, right, bottom } = el.getBoundingClientRect();
        for (let up = el.parentElement; up; up = up.parentElement) {
          if (getComputedStyle(up).overflow === 'visible') continue;
          const clip = up.getBoundingClientRect();
          left = Math.max(left, clip.left); top = Math.max(top, clip.top);
          right = Math.min(right, clip.right); bottom = Math.min(bottom, clip.bottom);
        }
        return { left, top, right, bottom };
      }
      for (const el of document.querySelectorAll('body *')) {
        if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
        const box = seen(el);
        if (box.right - box.left < 1 || box.bottom - box.top < 1) continue;
        if (box.left < -1 || box.top < -1 || box.right > innerWidth + 1 || box.bottom > innerHeight + 1) {
          out.push(`${el.tagName}.${el.className} ${JSON.stringify(box)}`);
        }
      }
      return out;
    });
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
  });
});

describe('a Stop nobody can miss', () => {
  it('puts "2 STOPS OPEN" across the board, in the tab title and in the favicon, and fills the Stop cards red', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Press shop');
    const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Gloves running low'), area: area.slug });
    const page = await open(VIEWPORTS[1]);
    await page.emulateMedia({ reducedMotion: 'reduce' }); // no arrival highlight: the colour read is the card's own
    const refusals: string[] = [];
    recordPolicyRefusals(page, refusals);
    await openBoard(page, `?area=${area.slug}`);
    await card(page, help.number).waitFor();
    expect(await page.getByTestId('stop-banner').textContent()).toBe('No Stop open');
    expect(await page.title()).toBe('Board · Andon');

    const first = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Press 4 guard open'), level: 'stop', area: area.slug });
    const second = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Hydraulic leak at press 2'), level: 'stop', area: area.slug });
    await expect.poll(() => page.getByTestId('stop-banner').textContent(), EVENTUALLY).toBe('2 STOPS OPEN');
    expect(await page.title()).toBe('2 STOPS OPEN · Board · Andon');
    const icon = decodeURIComponent(await page.locator('link[rel="icon"]').getAttribute('href') ?? '');
    expect(icon).toMatch(/^data:image\/svg\+xml,<svg/);
    expect(icon).toContain('>2</text>');

    // Filled, not edged: the whole card is red, the Help stays amber; both say their level in words.
    expect(await background(page, first.number)).toBe('rgb(198, 40, 40)');
    expect(await background(page, second.number)).toBe('rgb(198, 40, 40)');
    expect(await background(page, help.number)).not.toBe('rgb(198, 40, 40)');
    expect(await card(page, first.number).textContent()).toContain('Stop');
    expect(refusals).toEqual([]);
  });

  it('highlights an arriving pull in the colour of its level', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Arrivals');
    const page = await open(VIEWPORTS[1]);
    await page.emulateMedia({ reducedMotion: 'reduce' }); // the highlight holds still, so it can be read
    await openBoard(page, `?area=${area.slug}`);
    const stop = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Robot cell door open'), level: 'stop', area: area.slug });
    const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Glue gun cold'), area: area.slug });
    await card(page, stop.number).waitFor();
    await card(page, help.number).waitFor();
    const ring = (number: number) => card(page, number).evaluate((el) => getComputedStyle(el).boxShadow);
    expect(await ring(stop.number)).toContain('rgb(95, 15, 15)');
    expect(await ring(help.number)).toContain('rgb(179, 120, 0)');
  });
});

describe('late is its own signal', () => {
  it('orders a column Stop first, then the late, then the oldest, and a late card keeps its level colour', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Dock', 10);
    const onTimeHelp = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Dock 1 door slow'), area: area.slug });
    const onTimeStop = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Dock 2 leveller stuck'), level: 'stop', area: area.slug });
    expect((await setTarget(area.slug, 1)).status).toBe(200);
    const lateHelp = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Dock 3 light out'), area: area.slug });
    const lateStop = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Dock 4 truck rolling'), level: 'stop', area: area.slug });

    const page = await open(VIEWPORTS[1]);
    await page.clock.install();
    await openBoard(page, `?area=${area.slug}`);
    await card(page, lateStop.number).waitFor();
    const helpColour = await background(page, onTimeHelp.number);
    const stopColour = await background(page, onTimeStop.number);

    await page.clock.fastForward('02:30');
    await expect.poll(() => card(page, lateHelp.number).textContent(), EVENTUALLY).toContain('min late');
    expect(await raisedOrder(page)).toEqual([lateStop.number, onTimeStop.number, lateHelp.number, onTimeHelp.number]);
    expect(await card(page, lateStop.number).textContent()).toMatch(/2 min late/);
    expect(await card(page, onTimeHelp.number).textContent()).not.toContain('late');
    expect(await background(page, lateHelp.number)).toBe(helpColour);
    expect(await background(page, lateStop.number)).toBe(stopColour);
    expect(await page.locator('.column--raised').getByTestId('column-late').textContent()).toBe(', 2 past target');
  });

  it('shows on each card who leads, how big the swarm is and how long it has been in its status', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Paint');
    const problem = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Overspray on panel'), area: area.slug });
    const joined = await adminFetch(andon, 'POST', `/api/problems/${problem.number}/swarm`);
    expect(joined.ok).toBe(true);
    const page = await open(VIEWPORTS[1]);
    await page.clock.install();
    await openBoard(page, `?area=${area.slug}`);
    const shown = page.locator('.column--swarming').getByRole('link', { name: new RegExp(`^#${problem.number} `) });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('Ada Admin leads');
    expect(await shown.textContent()).toContain('1 in swarm');
    await page.clock.fastForward('12:00');
    await expect.poll(() => shown.textContent(), EVENTUALLY).toContain('swarming 12 min');
  });
});

describe('the phone board', () => {
  it('holds still while it loads (cumulative layout shift under 0.1) and scrolls as one page', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Phone');
    for (let i = 0; i < 40; i++) {
      await raiseProblem(andon.server.url, token, { title: `Bin ${i} of screws empty at the line`, level: i % 7 === 0 ? 'stop' : 'help', area: area.slug });
    }
    const page = await open(VIEWPORTS[2]);
    await page.addInitScript(() => {
      const shifts = { total: 0 };
      (window as unknown as { layoutShift: typeof shifts }).layoutShift = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.total += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await openBoard(page, `?area=${area.slug}`);
    await expect.poll(() => page.locator('.column--raised .column__count').textContent(), EVENTUALLY).toBe('40');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shift = await page.evaluate(() => (window as unknown as { layoutShift: { total: number } }).layoutShift.total);
    expect(shift).toBeLessThan(0.1);

    // One scroll: no column scrolls inside the page, and the page reaches the last card.
    const nested = await page.locator('.board *').evaluateAll((all) => all.filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY)).length);
    expect(nested).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight * 3)).toBe(true);
    expect(await page.locator('.column--raised').getByRole('link').count()).toBeLessThan(40);
    await page.locator('.column--raised').getByRole('link').first().focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-card-index')), EVENTUALLY).toBe('39');
  });
});

// Last: it restarts the server every other test uses.
describe('a wall screen left on for days', () => {
  it('survives the server restarting: the live connection comes back and catches up, without a reload', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Night shift');
    const page = await open(VIEWPORTS[0]);
    await openBoard(page, `?area=${area.slug}&tv=1`);
    await page.evaluate(() => ((window as unknown as { stayedLoaded: boolean }).stayedLoaded = true));

    await andon.server.stop();
    await expect.poll(() => page.getByTestId('connection').textContent(), EVENTUALLY).not.toBe('live');
    andon.server = await startServer({ dataDir: andon.dataDir, port: andon.server.port });
    const pulled = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Oven 3 over temperature'), level: 'stop', area: area.slug });

    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 45_000 }).toBe('live');
    await card(page, pulled.number).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('stop-banner').textContent()).toBe('1 STOP OPEN');
    expect(await page.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded)).toBe(true);
  }, 90_000);
});
