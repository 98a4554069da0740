import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Learning } from '../../shared/learnings.ts';
import type { TimelineEntry } from '../../shared/timeline.ts';
import { asAdmin, twoPeopleInBrowser } from '../helpers/browser-andon.ts';
import { pageWithSession, recordPolicyRefusals } from '../helpers/browser.ts';
import { MEMBER } from '../helpers/organisation.ts';
import { uniqueTitle } from '../helpers/problems.ts';
import { XSS_PAYLOADS } from '../helpers/xss-payloads.ts';

const EVENTUALLY = { timeout: 15_000 };

const andon = twoPeopleInBrowser();
const refusedByPolicy: string[] = [];

async function open(session: string): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, session);
  recordPolicyRefusals(page, refusedByPolicy);
  return page;
}

/** The swarm's work on a problem, over the API: joined, a hypothesis confirmed by a result, an action. */
async function workedProblem(title: string, hypothesis: string, action: string): Promise<number> {
  const { number } = await asAdmin<{ number: number }>(andon, 'POST', '/api/problems', { title });
  await asAdmin(andon, 'POST', `/api/problems/${number}/swarm`);
  const idea = await asAdmin<TimelineEntry>(andon, 'POST', `/api/problems/${number}/timeline`, { kind: 'hypothesis', body: hypothesis });
  const result = await asAdmin<TimelineEntry>(andon, 'POST', `/api/problems/${number}/timeline`, { kind: 'result', body: 'Seen in the logs' });
  await asAdmin(andon, 'PATCH', `/api/problems/${number}/timeline/${idea.id}`, { verdict: 'confirmed', evidence: result.id });
  await asAdmin(andon, 'POST', `/api/problems/${number}/timeline`, { kind: 'action', body: action });
  return number;
}

describe('the whole loop: pull, swarm, resolve, learn, find, acknowledge', () => {
  it('the swarm publishes from the prefilled form; someone else is offered it while typing a pull, opens it and acknowledges it', async () => {
    const word = `quasar${Date.now().toString(36)}`;
    const number = await workedProblem(uniqueTitle(`Checkout ${word} timeout`), 'The database connection **pool** is too small', 'Raised the pool to 50 connections');

    // Bo, in no swarm and responding nowhere, follows the tag "database" on the Alerts page, and stays on it.
    const bo = await open(andon.member);
    await bo.goto(`${andon.server.url}/alerts`);
    await bo.getByRole('textbox', { name: 'Tags' }).fill('Database');
    await bo.getByRole('button', { name: 'Save alert choices' }).click();
    await bo.getByText('Alert choices saved.').waitFor(EVENTUALLY);

    const ada = await open(andon.admin);
    await ada.goto(`${andon.server.url}/problems/${number}`);
    await ada.getByRole('button', { name: 'Resolved', exact: true }).click();
    await ada.getByRole('button', { name: 'Capture the learning' }).click();
    const form = ada.getByRole('form', { name: 'Learning' });
    // Prefilled from the timeline: the confirmed hypothesis and the action.
    expect(await form.getByLabel('Why it happened').inputValue()).toBe('The database connection **pool** is too small');
    expect(await form.getByLabel('What was changed').inputValue()).toBe('Raised the pool to 50 connections');
    await form.getByLabel('Title').fill(`Checkout ${word} timeout: the pool was too small`);
    await form.getByLabel('What happened').fill('Card payments timed out for twenty minutes.');
    await form.getByLabel('How to see it sooner next time').fill('Alert when the pool is 80% used.');
    await form.getByLabel('Tags').fill('Database, checkout');
    await form.getByRole('button', { name: 'Add a follow-up action' }).click();
    await form.getByLabel('Action 1').fill('Load test checkout');
    await form.getByLabel('Owner').selectOption({ label: MEMBER.name });
    await form.getByLabel('Due').fill('2999-01-31');
    await form.getByRole('button', { name: 'Save the draft' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), EVENTUALLY).toBe('Saved.');
    await ada.getByRole('button', { name: 'Publish the learning' }).click();
    await ada.getByRole('heading', { level: 1, name: /the pool was too small/ }).waitFor(EVENTUALLY);
    await ada.getByRole('heading', { name: 'Why it happened' }).waitFor();
    // Markdown rendered: the bold word is bold, not asterisks.
    expect(await ada.locator('.markdown strong', { hasText: 'pool' }).count()).toBe(1);
    await ada.context().close();

    // Bo's open page tells of it quietly (no alarm), because of the tag, and links to it.
    const notice = bo.locator('.learning-notice', { hasText: /the pool was too small/ });
    await notice.waitFor(EVENTUALLY);
    expect(await notice.textContent()).toContain('You follow its tags database, checkout');
    expect(await bo.locator('.alert-banner').count()).toBe(0);
    await notice.getByRole('link', { name: 'Read the learning' }).click();
    await bo.getByRole('heading', { level: 1, name: /the pool was too small/ }).waitFor(EVENTUALLY);
    expect(await notice.count()).toBe(0);

    await bo.goto(andon.server.url);
    // The home page lists Bo's follow-up and the learning Bo has not read.
    await expect.poll(() => bo.getByRole('region', { name: 'For you' }).textContent(), EVENTUALLY).toContain('Load test checkout');
    await bo.getByLabel('What did you see?').pressSequentially(`checkout ${word} slow`, { delay: 30 });
    const suggestion = bo.getByRole('list', { name: 'Seen before?' }).getByRole('link', { name: /the pool was too small/ });
    await suggestion.waitFor(EVENTUALLY);
    // Seen before pressing Pull: nothing was pulled, and the title is still being typed.
    expect(await bo.getByLabel('What did you see?').inputValue()).toBe(`checkout ${word} slow`);
    await suggestion.click();
    await bo.getByRole('heading', { level: 1, name: /the pool was too small/ }).waitFor(EVENTUALLY);
    await bo.getByRole('button', { name: 'I have read and understood this' }).click();
    await bo.getByText('You have read and understood this.').waitFor(EVENTUALLY);
    const spread = bo.getByRole('region', { name: 'Spread' });
    expect(await spread.getByRole('list', { name: 'Acknowledged by' }).textContent()).toContain(MEMBER.name);
    await expect.poll(() => spread.textContent(), EVENTUALLY).toContain('opened from a suggestion 1 time');

    const learnings = (await asAdmin<{ items: Array<{ id: string }> }>(andon, 'GET', `/api/learnings?q=${word}`)).items;
    const detail = await asAdmin<{ learning: Learning; spread: { acknowledged: Array<{ name: string }> } }>(andon, 'GET', `/api/learnings/${learnings[0].id}`);
    expect(detail.learning.suggestionOpens).toBe(1);
    expect(detail.spread.acknowledged.map((a) => a.name)).toEqual([MEMBER.name]);
    expect(refusedByPolicy).toEqual([]);
    await bo.context().close();
  }, 60_000); // the whole loop through the pages of two people: 22-30 s on a busy 2-core machine

  it('finds it in the library with the matched words marked', async () => {
    const page = await open(andon.member);
    await page.goto(`${andon.server.url}/learnings`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('connection pools');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.learning-hit').first().waitFor(EVENTUALLY);
    const marks = await page.locator('.learning-hit mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['pool']));

    // The feed address, made here and read by a feed reader (no session), lists the learning.
    await page.getByText('Follow in a feed reader, or download').click();
    await page.getByRole('button', { name: 'Make my feed address' }).click();
    const address = page.getByLabel('Your feed address');
    await address.waitFor(EVENTUALLY);
    const feed = parseFeed(await (await fetch(await address.inputValue())).text());
    expect(feed.items.map((item) => item.title)).toEqual(expect.arrayContaining([expect.stringMatching(/the pool was too small/)]));
    await page.context().close();
  });
});


describe('Markdown on a learning page', () => {
  it('renders XSS payloads inert in every field', async () => {
    const number = await workedProblem(uniqueTitle('Hostile learning'), 'x', 'y');
    await asAdmin(andon, 'POST', `/api/problems/${number}/status`, { status: 'resolved' });
    const hostile = XSS_PAYLOADS.join('\n\n');
    const draft = await asAdmin<Learning>(andon, 'PUT', `/api/problems/${number}/learning`, {
      title: '<script>window.__xss = 99</script>', summary: hostile, expected: hostile, cause: hostile, changes: hostile, detection: hostile, tags: [],
    });
    await asAdmin(andon, 'POST', `/api/learnings/${draft.id}/publish`);

    const page = await open(andon.admin);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${andon.server.url}/learnings/${draft.id}`);
    await page.getByRole('heading', { level: 1, name: '<script>window.__xss = 99</script>' }).waitFor(EVENTUALLY);
    expect(await page.locator('.markdown').count()).toBe(5);
    for (const link of await page.locator('.markdown a').all()) {
      const href = await link.getAttribute('href');
      if (href && /^https?:/.test(href)) continue;
      await link.click({ modifiers: ['Alt'] }).catch(() => {});
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    const found = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.learning-page *')];
      return {
        scripts: all.filter((el) => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'svg', 'STYLE', 'IMG'].includes(el.tagName)).length,
        withHandler: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        badLinks: all.map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '').filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)).length,
      };
    });
    expect(found).toEqual({ scripts: 0, withHandler: 0, badLinks: 0 });
    expect(await page.locator('.markdown a', { hasText: 'fine link' }).first().getAttribute('href')).toBe('https://example.com/runbook');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
