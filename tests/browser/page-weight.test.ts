import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pageWithSession } from '../helpers/browser.ts';
import { createToken, setUpAdmin } from '../helpers/organisation.ts';
import { raiseProblem } from '../helpers/problems.ts';
import { startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';

// What a phone pays to open the two pages people open on one: the board and the pull page. Each page
// downloads its own code and the app's shell, not every page's (before pages were chunks of their own,
// both downloaded 187 KB of compressed script). The Lighthouse score itself is measured by bench/lighthouse.ts, outside the tests: see bench/README.md.

const PHONE = { width: 390, height: 844 };
// Compressed bytes of script, with room: about 118 KB (board) and 103 KB (pull page) when written.
const BUDGET_KB = { board: 150, pull: 130 };
// Chunks of pages and libraries neither page uses: the charts, Settings (QR codes), the Markdown renderer.
const NOT_NEEDED = /\/assets\/(flow-page|settings-page|problem-page|learning-page|learnings-page|markdown)-/;

const data = tempDataDir();
let server: ServerProcess;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dataDir: data.dir });
  admin = await setUpAdmin(server.url);
  const token = await createToken(server.url, admin, 'page weight test');
  for (let i = 0; i < 12; i++) await raiseProblem(server.url, token, { title: `Conveyor ${i} stops now and then`, level: i % 5 === 0 ? 'stop' : 'help' });
});
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unassigned if beforeAll failed before starting them */
  await browser?.close();
  await server?.stop();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  data.remove();
});

/** A fresh phone: nothing cached. */
async function phone(): Promise<Page> {
  const page = await pageWithSession(browser, server.url, admin, { viewport: PHONE, isMobile: true, hasTouch: true });
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
    await page.goto(`${server.url}${path}`);
    await shown(page).waitFor();

    const loaded = await scripts(page);
    expect(loaded.filter((script) => NOT_NEEDED.test(script.url))).toEqual([]);
    const kilobytes = loaded.reduce((sum, script) => sum + script.bytes, 0) / 1024;
    expect(kilobytes).toBeGreaterThan(0);
    expect(kilobytes).toBeLessThan(budget);

    await page.context().close();
  });
});
