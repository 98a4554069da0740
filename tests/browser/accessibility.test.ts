import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { asAdmin, twoPeopleInBrowser } from '../helpers/browser-andon.ts';
import { accessibilityProblems } from '../helpers/accessibility.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { createToken, makeResetLink, MEMBER } from '../helpers/organisation.ts';
import { raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = twoPeopleInBrowser();

// Every page a person opens, at the three sizes Andon is read at, through axe-core: a page added to
// the product is added to PAGES here. Each page is checked once it has drawn what it loads.

const VIEWPORTS = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'wall', width: 1920, height: 1080 },
];

let problemNumber: number;
let resolvedNumber: number;
let learningId: string;
let resetCode: string;
/** A pull link's code, and one that was turned off: the kiosk is opened without a session. */
let kioskCode: string;
let turnedOffCode: string;

/** Each page with the heading it shows once loaded (and a text it loads later), and who opens it (null: nobody signed in). */
const PAGES: { path: string | (() => string); label?: string; heading: RegExp; shows?: string; as: () => string | null }[] = [
  { path: '/', heading: /pull/i, as: () => andon.member },
  { path: '/board', heading: /board/i, as: () => andon.member },
  { path: '/board?tv=1', heading: /board/i, as: () => andon.member },
  { path: () => `/problems/${problemNumber}`, label: '/problems/:number', heading: /conveyor/i, as: () => andon.member },
  { path: () => `/problems/${resolvedNumber}`, label: '/problems/:number (resolved, with its learning)', heading: /jammed/i, as: () => andon.admin },
  { path: '/settings', heading: /settings/i, shows: 'Print card', as: () => andon.admin },
  { path: '/learnings?q=jammed', heading: /learnings/i, as: () => andon.member },
  { path: () => `/learnings/${learningId}`, label: '/learnings/:id', heading: /jammed/i, as: () => andon.member },
  { path: '/learnings/not-spreading', heading: /not spreading/i, shows: 'Not yet:', as: () => andon.admin },
  { path: '/alerts', heading: /alerts/i, as: () => andon.member },
  { path: '/history', heading: /history/i, as: () => andon.member },
  { path: '/account', heading: /your account/i, as: () => andon.member },
  { path: () => `/reset/${resetCode}`, label: '/reset/:code', heading: /new password/i, as: () => andon.member },
  { path: () => `/k/${kioskCode}`, label: '/k/:code', heading: /pull the cord/i, shows: 'Line 3 tablet', as: () => null },
  { path: () => `/k/${turnedOffCode}`, label: '/k/:code turned off', heading: /does not work/i, as: () => null },
  { path: '/flow', heading: /^flow$/i, as: () => andon.member, shows: 'Pulls per week and area' },
];

const makePullLink = (label: string) => asAdmin<{ id: string; code: string }>(andon, 'POST', '/api/areas/general/pull-links', { label });

beforeAll(async () => {
  const token = await createToken(andon.server.url, andon.admin, 'accessibility test');
  problemNumber = (await raiseProblem(andon.server.url, token, { title: uniqueTitle('Conveyor belt slipping'), level: 'stop' })).number;
  kioskCode = (await makePullLink('Line 3 tablet')).code;
  const turnedOff = await makePullLink('Old sticker');
  await asAdmin(andon, 'DELETE', `/api/areas/general/pull-links/${turnedOff.id}`);
  turnedOffCode = turnedOff.code;
  // A resolved problem with a published learning, so the learning pages have something to show.
  resolvedNumber = (await raiseProblem(andon.server.url, token, { title: uniqueTitle('Labeller jammed') })).number;
  await asAdmin(andon, 'POST', `/api/problems/${resolvedNumber}/swarm`);
  await asAdmin(andon, 'POST', `/api/problems/${resolvedNumber}/status`, { status: 'resolved' });
  const draft = await asAdmin<{ id: string }>(andon, 'PUT', `/api/problems/${resolvedNumber}/learning`, {
    title: 'Labeller jammed on wet labels', summary: 'The labeller **jammed**.', expected: 'Labels feed', cause: 'Damp label stock', changes: 'Dry store', detection: 'Humidity alarm', tags: ['labeller'],
  });
  await asAdmin(andon, 'POST', `/api/learnings/${draft.id}/publish`);
  learningId = draft.id;
  resetCode = await makeResetLink(andon.server.url, andon.admin, MEMBER.email);
});

describe.each(VIEWPORTS)('axe-core at $name size ($width×$height)', (viewport) => {
  // One tab per person and size, going from page to page as a person would: a context of its own
  // per page installed the service worker and fetched every asset again each time.
  const tabs = new Map<string | null, Promise<Page>>();
  const tabFor = (session: string | null) => {
    let tab = tabs.get(session);
    if (!tab) {
      tab = session === null ? andon.browser.newContext({ viewport }).then((context) => context.newPage()) : pageWithSession(andon.browser, andon.server.url, session, { viewport });
      tabs.set(session, tab);
    }
    return tab;
  };
  afterAll(async () => {
    for (const tab of tabs.values()) await (await tab).context().close();
  });

  it.each(PAGES.map((page) => ({ ...page, label: page.label ?? String(page.path) })))(
    '$label has no serious or critical violation',
    async (page) => {
      const path = typeof page.path === 'string' ? page.path : page.path();
      const tab = await tabFor(page.as());
      await tab.goto(`${andon.server.url}${path}`);
      await tab.getByRole('heading', { level: 1, name: page.heading }).waitFor();
      if (page.shows !== undefined) await tab.getByText(page.shows).first().waitFor();
      expect(await accessibilityProblems(tab)).toEqual([]);
    },
  );
});

it('signing in has no serious or critical violation', async () => {
  const context = await andon.browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(`${andon.server.url}/signin`);
    await tab.getByRole('heading', { level: 1 }).waitFor();
    expect(await accessibilityProblems(tab)).toEqual([]);
  } finally {
    await context.close();
  }
});
