import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { asAdmin, browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = browserAndon();

const EVENTUALLY = { timeout: 15_000 };

let press: { slug: string; name: string };
let packing: { slug: string; name: string };
let learning: { id: string; title: string };

beforeAll(async () => {
  const token = await createToken(andon.server.url, andon.admin, 'flow test machine');
  press = await createArea(andon.server.url, andon.admin, 'Press', 10);
  packing = await createArea(andon.server.url, andon.admin, 'Packing', 10);
  const first = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Press 4 jams'), area: press.slug, level: 'stop' });
  await raiseProblem(andon.server.url, token, { title: uniqueTitle('Press 2 squeaks'), area: press.slug });
  const die = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Die worn'), area: press.slug });
  await raiseProblem(andon.server.url, token, { title: uniqueTitle('Labels smudged'), area: packing.slug });
  // Somebody answers one of them, so there is a time to respond to show.
  await asAdmin(andon, 'POST', `/api/problems/${first.number}/swarm`);
  // It is solved and learned from; the die problem is the same thing again, and the admin (Press's
  // only member: they swarmed its problem) acknowledges the learning.
  await asAdmin(andon, 'POST', `/api/problems/${first.number}/status`, { status: 'resolved' });
  learning = await asAdmin<{ id: string; title: string }>(andon, 'PUT', `/api/problems/${first.number}/learning`, {
    title: 'Thick stock jams press 4', summary: 'It jammed', expected: '', cause: 'The feed is set for thin stock', changes: '', detection: '', tags: [],
  });
  await asAdmin(andon, 'POST', `/api/learnings/${learning.id}/publish`);
  await asAdmin(andon, 'POST', `/api/problems/${die.number}/recurrences`, { learningId: learning.id });
  await asAdmin(andon, 'POST', `/api/learnings/${learning.id}/acknowledge`);
});

const pullsOf = (page: Page, area: string) =>
  page.getByRole('table', { name: 'Pulls by level and source' }).getByRole('row', { name: new RegExp(`^${area} `) });

describe('the Flow page', () => {
  it('shows the charts and the tables with the pulls made, and filtering by area changes them', async () => {
    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    try {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${andon.server.url}/board`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flow' }).click();
      await page.getByRole('heading', { level: 1, name: 'Flow' }).waitFor();
      await expect.poll(() => page.locator('.flow-total').textContent(), EVENTUALLY).toMatch(/^4 pulls/);
      await expect.poll(() => page.getByText('More pulls is good news').count()).toBe(1);

      // Press: 3 pulls, 1 Stop and 2 Help, all through the API; Packing: 1.
      expect((await pullsOf(page, press.name).getByRole('cell').allTextContents()).slice(0, 5)).toEqual(['3', '2', '1', '0', '3']);
      expect(await pullsOf(page, packing.name).getByRole('cell').first().textContent()).toBe('1');
      // The week's bars are drawn, one stack per area.
      expect(await page.locator('.flow-chart .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(2);
      // One problem answered in press: its time to respond counts one problem.
      const times = page.getByRole('table', { name: /^Time from the pull/ });
      expect(await times.getByRole('row', { name: new RegExp(`^${press.name}.*To respond`) }).getByRole('cell').first().textContent()).toBe('1');

      // Recurrence and spread: one of Press's three pulls recurred, of the learning its one member acknowledged.
      const rowOf = (table: string | RegExp, area: string) => page.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(`^${area} `) });
      expect(await rowOf('Recurrences per area', press.name).getByRole('cell').allTextContents()).toEqual(['1', '33% (1 of 3)']);
      expect(await rowOf('Recurrences per area', packing.name).getByRole('cell').allTextContents()).toEqual(['0', '0% (0 of 1)']);
      expect(await rowOf(/^Spread of the learnings/, press.name).getByRole('cell').allTextContents()).toEqual(['1', '1', '100% (1 of 1)']);
      expect(await rowOf(/^Spread of the learnings/, packing.name).getByRole('cell').allTextContents()).toEqual(['0', '0', '— (0 of 0)']);
      expect(await rowOf(/^Suggestions and follow-up actions/, press.name).getByRole('cell').allTextContents()).toEqual(['0', '— (0 of 0)', '0', '0']);
      expect(await page.locator('section[aria-labelledby="flow-spread"] .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(1);
      // From the figure to the learning behind it, which lists the problems that recurred.
      await page.getByRole('table', { name: 'Learnings that recurred most' }).getByRole('link', { name: learning.title }).click();
      await page.getByRole('heading', { level: 1, name: learning.title }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/learnings/${learning.id}`);
      await page.goBack();
      await expect.poll(() => page.locator('.flow-total').textContent(), EVENTUALLY).toMatch(/^4 pulls/);

      await page.getByLabel('Area', { exact: true }).selectOption({ label: packing.name });
      await expect.poll(() => page.locator('.flow-total').textContent(), EVENTUALLY).toMatch(/^1 pull /);
      expect(new URL(page.url()).searchParams.get('area')).toBe(packing.slug);
      expect(await pullsOf(page, press.name).count()).toBe(0);
      expect(await pullsOf(page, packing.name).getByRole('cell').first().textContent()).toBe('1');

      // From a figure to the problems behind it: the board, filtered to the area.
      await pullsOf(page, packing.name).getByRole('link', { name: packing.name }).click();
      await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/board?area=${packing.slug}`);
    } finally {
      await page.context().close();
    }
  });

  it('reads well on a phone and on a wall screen', async () => {
    for (const [width, height] of [[390, 844], [1920, 1080]] as const) {
      const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
      try {
        await page.setViewportSize({ width, height });
        await page.goto(`${andon.server.url}/flow?days=7`);
        await expect.poll(() => page.locator('.flow-total').textContent(), EVENTUALLY).toMatch(/^4 pulls/);
        // Nothing runs off the side of the page (wide tables scroll inside their own box).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      } finally {
        await page.context().close();
      }
    }
  });
});
