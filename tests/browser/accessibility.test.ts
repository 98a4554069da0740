import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityProblems } from '../helpers/accessibility.ts';
import { launchBrowser, pageWithSession } from '../helpers/browser.ts';
import { addMember, createToken, setUpAdmin } from '../helpers/organisation.ts';
import { raiseProblem, uniqueTitle } from '../helpers/problems.ts';
import { startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';

// Every page a person opens, at the three sizes Andon is read at, through axe-core: a page added to
// the product is added to PAGES here. Each page is checked once it has drawn what it loads.

const VIEWPORTS = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'wall', width: 1920, height: 1080 },
];

const data = tempDataDir();
let server: ServerProcess;
let browser: Browser;
let admin: string;
let member: string;
let problemNumber: number;

/** Each page with the heading it shows once loaded, and who opens it. */
const PAGES = [
  { path: '/', heading: /pull/i, as: () => member },
  { path: '/board', heading: /board/i, as: () => member },
  { path: () => `/problems/${problemNumber}`, heading: /conveyor/i, as: () => member },
  { path: '/settings', heading: /settings/i, as: () => admin },
  { path: '/flow', heading: /^flow$/i, as: () => member, shows: 'Pulls per week and area' },
];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dataDir: data.dir });
  admin = await setUpAdmin(server.url);
  member = await addMember(server.url, admin);
  const token = await createToken(server.url, admin, 'accessibility test');
  problemNumber = (await raiseProblem(server.url, token, { title: uniqueTitle('Conveyor belt slipping'), level: 'stop' })).number;
});
afterAll(async () => {
  await browser.close();
  await server.stop();
  data.remove();
});

describe.each(VIEWPORTS)('axe-core at $name size ($width×$height)', (viewport) => {
  it.each(PAGES.map((page) => ({ ...page, label: typeof page.path === 'string' ? page.path : '/problems/:number' })))(
    '$label has no serious or critical violation',
    async (page) => {
      const path = typeof page.path === 'string' ? page.path : page.path();
      const tab = await pageWithSession(browser, server.url, page.as());
      try {
        await tab.setViewportSize(viewport);
        await tab.goto(`${server.url}${path}`);
        await tab.getByRole('heading', { level: 1, name: page.heading }).waitFor();
        if (page.shows !== undefined) await tab.getByText(page.shows).first().waitFor();
        expect(await accessibilityProblems(tab)).toEqual([]);
      } finally {
        await tab.context().close();
      }
    },
  );
});

it('signing in has no serious or critical violation', async () => {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`${server.url}/signin`);
    await tab.getByRole('heading', { level: 1 }).waitFor();
    expect(await accessibilityProblems(tab)).toEqual([]);
  } finally {
    await context.close();
  }
});
