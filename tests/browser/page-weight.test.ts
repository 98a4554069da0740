import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { raiseProblem } from '../helpers/problems.ts';

const andon = browserAndon();

// What a phone pays to open the two pages people open on one: the board and the pull page. Each page
// downloads its own code and the app's shell, not every page's (before pages were chunks of their own,
// both downloaded 187 KB of compressed script). The Lighthouse score itself is measured by bench/lighthouse.ts, outside the tests: see bench/README.md.

const PHONE = { width: 390, height: 844 };
// Compressed bytes of script, with room: about 49 KB (board) and 34 KB (pull page) on Preact, against
// 118 and 103 KB on React DOM, whose 60 KB or so would not fit again unnoticed.
const BUDGET_KB = { board: 70, pull: 55 };
// Chunks of pages and libraries neither page uses: the charts, Settings (QR codes), the Markdown renderer.
const NOT_NEEDED = /\/assets\/(flow-page|settings-page|problem-page|learning-page|learnings-page|markdown)-/;
// TypeBox builds the server's schemas; in the browser it cost about 30 ms of building them as the
// shell loaded, for lists and limits that need none of it (shared/values/). Every schema it builds
// carries this key.
const TYPEBOX_MARK = '~kind';


beforeAll(async () => {
  const token = await createToken(andon.server.url, andon.admin, 'page weight test');
  for (let i = 0; i < 12; i++) await raiseProblem(andon.server.url, token, { title: `Conveyor ${i} stops now and then`, level: i % 5 === 0 ? 'stop' : 'help' });
});

/** A fresh phone: nothing cached. */
async function phone(): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, andon.admin, { viewport: PHONE, isMobile: true, hasTouch: true });
  return page;
}

/** The scripts the page downloaded, with their compressed size. */
function scripts(page: Page): Promise<Array<{ url: string; bytes: number }>> {
  return page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry): entry is PerformanceResourceTiming => entry instanceof PerformanceResourceTiming && entry.name.endsWith('.js'))
      .map((entry) => ({ url: new URL(entry.name).pathname, bytes: entry.transferSize })));
}

describe('opening a page on a phone', () => {
  it.each([
    { name: 'the board', path: '/board', budget: BUDGET_KB.board, shown: (page: Page) => page.locator('.column--raised [data-card-index]').first() },
    { name: 'the pull page', path: '/', budget: BUDGET_KB.pull, shown: (page: Page) => page.getByLabel('What did you see?') },
  ])('downloads only $name\'s own code, within its budget', async ({ path, budget, shown }) => {
    const page = await phone();
    await page.goto(`${andon.server.url}${path}`);
    await shown(page).waitFor();

    const loaded = await scripts(page);
    expect(loaded.filter((script) => NOT_NEEDED.test(script.url))).toEqual([]);
    const kilobytes = loaded.reduce((sum, script) => sum + script.bytes, 0) / 1024;
    expect(kilobytes).toBeGreaterThan(0);
    expect(kilobytes).toBeLessThan(budget);

    const code = await Promise.all(loaded.map((script) => page.evaluate(async (url) => (await fetch(url)).text(), script.url)));
    expect(loaded.filter((_, i) => code[i].includes(TYPEBOX_MARK)).map((script) => script.url)).toEqual([]);

    await page.context().close();
  });

  it('shows the header and that it is loading before any script has run', async () => {
    const page = await phone();
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${andon.server.url}/board`);

    expect(await page.getByRole('status').textContent()).toBe('Loading Andon…');
    expect(await page.getByRole('link', { name: 'Andon home' }).isVisible()).toBe(true);

    await page.context().close();
  });
});
