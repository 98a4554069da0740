import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession, pullAnsweredFor } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = browserAndon();

// Each test makes the problems and areas it looks at and finds them by the number it was answered,
// so the tests hold in any order and whatever else is on the board.

// expect.poll gives up after 1 s by default: too soon for a reconnect or a render on a loaded CI machine.
const EVENTUALLY = { timeout: 15_000 };

let token: string;
let pages: Page[] = [];

async function signedIn(): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
  pages.push(page);
  return page;
}

async function pull(page: Page, title: string, level: 'Help' | 'Stop') {
  await page.getByLabel('What did you see?').fill(title);
  return pullAnsweredFor(page, () => page.getByRole('button', { name: level, exact: true }).click());
}

const card = (page: Page, number: number) => page.getByRole('link', { name: new RegExp(`^#${number} `) });
const connection = (page: Page) => page.getByTestId('connection');
const markLoaded = (page: Page) => page.evaluate(() => ((window as unknown as { stayedLoaded: boolean }).stayedLoaded = true));
const stayedLoaded = (page: Page) => page.evaluate(() => (window as unknown as { stayedLoaded?: boolean }).stayedLoaded === true);

async function openBoard(page: Page, query = ''): Promise<void> {
  await page.goto(`${andon.server.url}/board${query}`);
  await expect.poll(() => connection(page).textContent(), EVENTUALLY).toBe('live');
}

beforeAll(async () => {
  token = await createToken(andon.server.url, andon.admin, 'board test machine');
});
afterEach(async () => {
  await Promise.all(pages.map((page) => page.context().close()));
  pages = [];
});

describe('the live board', () => {
  it('shows a pull from another browser as it happens, over the live connection, without a reload', async () => {
    const watcher = await signedIn();
    const frames: string[] = [];
    watcher.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(String(payload))));
    await openBoard(watcher);
    await markLoaded(watcher);

    const puller = await signedIn();
    await puller.goto(andon.server.url);
    const title = uniqueTitle('Smoke from press 4');
    const pulled = await pull(puller, title, 'Stop');

    const shown = watcher.locator('.column--raised').getByRole('link', { name: new RegExp(`^#${pulled.number} `) });
    await shown.waitFor();
    const text = await shown.textContent();
    expect(text).toContain(title);
    expect(text).toContain('Stop'); // the level is said in words, not only in red
    expect(frames.some((frame) => frame.includes(title))).toBe(true);
    expect(await stayedLoaded(watcher)).toBe(true);
  });

  it('keeps what it shows while offline and catches up when the network is back', async () => {
    const before = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Forklift horn stuck') });
    const watcher = await signedIn();
    await openBoard(watcher);
    await card(watcher, before.number).waitFor();
    await markLoaded(watcher);

    await watcher.context().setOffline(true);
    await expect.poll(() => connection(watcher).textContent(), EVENTUALLY).not.toBe('live');
    expect(await card(watcher, before.number).count()).toBe(1);

    const puller = await signedIn();
    await puller.goto(andon.server.url);
    const missed = [];
    for (const title of [uniqueTitle('Label printer out of ribbon'), uniqueTitle('Torque wrench out of calibration')]) {
      const pulled = await pull(puller, title, 'Help');
      await puller.locator('.pull-result').getByRole('link', { name: `#${pulled.number}`, exact: true }).waitFor();
      missed.push(pulled);
    }

    await watcher.context().setOffline(false);
    await expect.poll(() => connection(watcher).textContent(), EVENTUALLY).toBe('live');
    for (const pulled of missed) await card(watcher, pulled.number).waitFor();
    expect(await card(watcher, before.number).count()).toBe(1);
    expect(await stayedLoaded(watcher)).toBe(true);
  });

  it('moves a card when its status changes elsewhere, and keeps the filter in the URL', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Paint shop');
    const stop = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Spray booth fan stopped'), level: 'stop', area: area.slug });
    const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Masking tape running low'), level: 'help', area: area.slug });
    const watcher = await signedIn();
    await openBoard(watcher, `?area=${area.slug}`);
    await watcher.locator('.column--raised').getByRole('link', { name: new RegExp(`^#${help.number} `) }).waitFor();

    const puller = await signedIn();
    await puller.goto(`${andon.server.url}/problems/${help.number}`);
    await puller.getByRole('button', { name: 'Start swarming' }).click();
    await watcher.locator('.column--swarming').getByRole('link', { name: new RegExp(`^#${help.number} `) }).waitFor();

    await watcher.getByRole('group', { name: 'Filter the board' }).getByLabel('Level').selectOption('stop');
    await expect.poll(() => new URL(watcher.url()).searchParams.get('level'), EVENTUALLY).toBe('stop');
    await watcher.reload();
    await card(watcher, stop.number).waitFor();
    expect(new URL(watcher.url()).searchParams.get('area')).toBe(area.slug);
    // Both cards came in the same load, so the Help's absence is the filter's doing, not a late render.
    expect(await card(watcher, help.number).count()).toBe(0);
  });

  it('asks for its problems once and draws each card once as it opens, and a pull made meanwhile still arrives', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Opening');
    const listed = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Listed when the board opens'), area: area.slug });
    const watcher = await signedIn();
    const lists: string[] = [];
    const sockets: string[] = [];
    watcher.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/problems') lists.push(request.url());
    });
    watcher.on('websocket', (socket) => sockets.push(socket.url()));
    // The open problems are read, then a pull is made before their answer reaches the board.
    let meanwhile: Promise<{ number: number }> | undefined;
    await watcher.route((url) => url.pathname === '/api/problems' && url.searchParams.get('status') === 'open', async (route) => {
      const response = await route.fetch();
      meanwhile = raiseProblem(andon.server.url, token, { title: uniqueTitle('Pulled while the board loads'), area: area.slug });
      await meanwhile;
      await route.fulfill({ response });
    });
    // Counts every card put into the page, by the problem it shows.
    await watcher.addInitScript(() => {
      const drawn: Record<string, number> = {};
      (window as unknown as { cardsDrawn: typeof drawn }).cardsDrawn = drawn;
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (!(node instanceof Element)) continue;
            for (const card of [node, ...node.querySelectorAll('.card')].filter((el) => el.matches('.card'))) {
              const href = card.getAttribute('href') ?? '';
              drawn[href] = (drawn[href] ?? 0) + 1;
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await openBoard(watcher, `?area=${area.slug}`);
    expect(meanwhile).toBeDefined();
    const late = await meanwhile!;
    await expect.poll(() => card(watcher, late.number).isVisible(), EVENTUALLY).toBe(true);
    expect(await card(watcher, listed.number).isVisible()).toBe(true);

    // The open and the recently resolved problems, each asked for once; the live connection went on from them.
    expect(lists).toHaveLength(2);
    expect(sockets.filter((url) => /\/api\/live\?since=[0-9]+$/.test(url))).toHaveLength(1);
    const drawn = await watcher.evaluate(() => (window as unknown as { cardsDrawn: Record<string, number> }).cardsDrawn);
    expect(drawn).toEqual({ [`/problems/${listed.number}`]: 1, [`/problems/${late.number}`]: 1 });
  });

  it('asks for its problems and areas beside the session check, before its own code has arrived', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Asked early');
    const listed = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Listed before the board code arrives'), area: area.slug });
    const watcher = await signedIn();
    const asked = new Set<string>();
    watcher.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (request.method() === 'GET' && (pathname === '/api/problems' || pathname === '/api/areas')) asked.add(pathname);
    });
    // The board's own code is held back: only the app's first script can ask for the board's lists meanwhile.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await watcher.route(/\/assets\/board-page-[^/]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await watcher.goto(`${andon.server.url}/board?area=${area.slug}`);
    await expect.poll(() => [...asked].sort(), EVENTUALLY).toEqual(['/api/areas', '/api/problems']);
    release();
    // Drawn from what was asked for early, with the area's name rather than its slug.
    await expect.poll(() => card(watcher, listed.number).textContent(), EVENTUALLY).toContain('Asked early');
  });

  it('draws every card of a column of tens on a phone, and a card past the fold shows when scrolled to', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Long column');
    const raised: number[] = [];
    for (let i = 0; i < 24; i++) {
      raised.push((await raiseProblem(andon.server.url, token, { title: `Tray ${i} left at the press`, area: area.slug })).number);
    }
    const watcher = await signedIn();
    await watcher.setViewportSize({ width: 390, height: 844 });
    await openBoard(watcher, `?area=${area.slug}`);
    const column = watcher.locator('.column--raised');
    // The oldest first: the newest is the last card, far below the fold.
    const last = card(watcher, raised[raised.length - 1]);
    await expect.poll(() => column.getByRole('link').count(), EVENTUALLY).toBe(24);
    expect(await last.evaluate((el) => el.getBoundingClientRect().top > innerHeight * 3)).toBe(true);
    await watcher.mouse.wheel(0, await last.evaluate((el) => el.getBoundingClientRect().top - 200));
    await expect.poll(() => last.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    }), EVENTUALLY).toBe(true);
    expect(await last.textContent()).toContain('Tray 23 left at the press');
  });

  it('keeps only the cards in view in the DOM with 1,000 open problems, and reaches the newest by keyboard', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Bulk');
    for (let start = 0; start < 999; start += 100) {
      const batch = Math.min(100, 999 - start);
      await Promise.all(Array.from({ length: batch }, (_, i) =>
        raiseProblem(andon.server.url, token, { title: `Bulk problem ${start + i}`, area: area.slug })));
    }
    // The oldest wait at the top; the newest is the last card.
    const newest = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Newest bulk problem'), area: area.slug });
    const watcher = await signedIn();
    await openBoard(watcher, `?area=${area.slug}`);
    const raised = watcher.locator('.column--raised');
    await expect.poll(() => raised.locator('.column__count').textContent(), EVENTUALLY).toBe('1000');
    expect(await raised.getByRole('link').count()).toBeLessThan(60);

    await raised.getByRole('link').first().focus();
    await watcher.keyboard.press('End');
    // The newest raised problem is a thousand cards down: scrolled in and focused.
    await expect.poll(() => card(watcher, newest.number).evaluate((el) => el === document.activeElement), EVENTUALLY).toBe(true);
  }, 90_000);

  it('says how late a pull nobody has started on is, counting half the area\'s response target for a Stop', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Dispatch', 5);
    const waitingOn = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Truck at dock 2 not loaded'), level: 'stop', area: area.slug });
    const page = await signedIn();
    await page.clock.install();
    await page.goto(`${andon.server.url}/board?area=${area.slug}`);
    const waiting = card(page, waitingOn.number);
    await waiting.waitFor();
    expect(await waiting.textContent()).not.toContain('late');

    // Within the area's 5 minutes, but past the 2½ a Stop is given.
    await page.clock.fastForward('04:00');
    await expect.poll(() => waiting.getByTestId('late').textContent(), EVENTUALLY).toBe('1 min late');
    expect(await page.locator('.column--raised').getByTestId('column-late').textContent()).toBe(', 1 past target');
  });

  it('raises a Help to Stop and moves it to another area from its page; a board following that area sees it arrive', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Line 3');
    const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Conveyor belt fraying'), level: 'help' });
    const watcher = await signedIn();
    await openBoard(watcher, `?area=${area.slug}`);
    expect(await card(watcher, help.number).count()).toBe(0);

    const puller = await signedIn();
    await puller.goto(`${andon.server.url}/problems/${help.number}`);
    const routing = puller.getByRole('form', { name: 'Level and area' });
    await routing.getByLabel('Level').selectOption('stop');
    await routing.getByLabel('Area').selectOption(area.slug);
    await routing.getByRole('button', { name: 'Save level and area' }).click();
    await routing.getByRole('status').filter({ hasText: `#${help.number} is now a Stop pull in ${area.name}.` }).waitFor();

    await card(watcher, help.number).waitFor();
    expect(await card(watcher, help.number).textContent()).toContain('Stop');
  });
});
