import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { addMember, createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = browserAndon();

// An admin managing people in Settings, a reset link used in the browser, and the History page.

const EVENTUALLY = { timeout: 15_000 };

let token: string;
let pages: Page[] = [];

async function open(cookie: string | null, path: string): Promise<Page> {
  const page = cookie ? await pageWithSession(andon.browser, andon.server.url, cookie) : await (await andon.browser.newContext()).newPage();
  pages.push(page);
  await page.goto(`${andon.server.url}${path}`);
  return page;
}

async function resolve(number: number): Promise<void> {
  const response = await fetch(`${andon.server.url}/api/problems/${number}/status`, {
    method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'resolved' }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  token = await createToken(andon.server.url, andon.admin, 'people test machine');
});
afterEach(async () => {
  for (const page of pages) await page.context().close();
  pages = [];
});

describe('people in Settings', () => {
  it('an admin deactivates a member, and the member\'s open board is signed out at once', async () => {
    const cy = { name: 'Cy Deactivated', email: 'cy@example.com', password: 'cy has a long password' };
    const cySession = await addMember(andon.server.url, andon.admin, cy);
    const board = await open(cySession, '/board');
    await expect.poll(() => board.getByTestId('connection').textContent(), EVENTUALLY).toBe('live');

    const settings = await open(andon.admin, '/settings');
    const people = settings.getByRole('list', { name: 'People' });
    await expect.poll(() => people.getByText(cy.email).count(), EVENTUALLY).toBe(1);
    settings.once('dialog', (dialog) => void dialog.accept());
    await settings.getByRole('button', { name: `Deactivate ${cy.name}` }).click();
    await settings.getByText(`${cy.name} is deactivated.`).waitFor();
    await settings.getByRole('button', { name: `Reactivate ${cy.name}` }).waitFor();

    // No reload and no click on the board: the live connection's close signs it out.
    await board.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(EVENTUALLY);
    await board.getByLabel('Email').fill(cy.email);
    await board.getByLabel('Password').fill(cy.password);
    await board.getByRole('button', { name: 'Sign in' }).click();
    await board.getByText(/This account has been deactivated/).waitFor();
  });

  it('a reset link made in Settings sets a new password once, in the browser', async () => {
    const dee = { name: 'Dee Forgetful', email: 'dee@example.com', password: 'dee had a long password' };
    const deeSession = await addMember(andon.server.url, andon.admin, dee);
    const settings = await open(andon.admin, '/settings');
    await settings.getByRole('button', { name: `Make a password-reset link for ${dee.name}` }).click();
    const link = await settings.getByLabel(`Password-reset link for ${dee.name}`, { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${andon.server.url}/reset/`));

    const reset = await open(null, new URL(link).pathname);
    await reset.getByText(`For ${dee.name} (${dee.email})`).waitFor();
    await reset.getByLabel('New password').fill('dee picked a new password');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await reset.getByText('Your new password is set').waitFor();
    await reset.getByRole('link', { name: `Sign in as ${dee.email}` }).click();
    await reset.getByLabel('Email').fill(dee.email);
    await reset.getByLabel('Password').fill('dee picked a new password');
    await reset.getByRole('button', { name: 'Sign in' }).click();
    await reset.getByRole('heading', { level: 1, name: /pull/i }).waitFor();

    // Her old session ended, and the link does not work twice.
    const old = await open(deeSession, '/board');
    await old.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const again = await open(null, new URL(link).pathname);
    await again.getByText(/This password-reset link is not valid any more/).waitFor();
  });

  it('an admin changes a role, revokes a pending invite, and is stopped from demoting the last admin', async () => {
    const settings = await open(andon.admin, '/settings');
    const roleOfAda = settings.getByLabel('Role of Ada Admin');
    await roleOfAda.selectOption('member');
    await settings.getByText('Ada Admin is the only admin: make someone else an admin first').waitFor();

    await settings.getByLabel('Their email (optional)').fill('eve@example.com');
    await settings.getByRole('button', { name: 'Create invite link' }).click();
    const pending = settings.getByRole('list', { name: 'Pending invites' });
    await pending.getByText('eve@example.com').waitFor();
    settings.once('dialog', (dialog) => void dialog.accept());
    await settings.getByRole('button', { name: 'Revoke the invite for eve@example.com' }).click();
    await expect.poll(() => settings.getByText('eve@example.com', { exact: true }).count(), EVENTUALLY).toBe(0);
  });
});

describe('the History page', () => {
  it('filters closed problems by area, with the filter in a link that can be shared', async () => {
    const packing = await createArea(andon.server.url, andon.admin, 'Packing');
    const inPacking = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Tape gun jammed'), area: packing.slug });
    const elsewhere = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Printer out of labels') });
    const stillOpen = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Open in packing'), area: packing.slug });
    await resolve(inPacking.number);
    await resolve(elsewhere.number);

    const page = await open(andon.admin, '/board');
    await page.getByRole('link', { name: 'History' }).click();
    const list = page.getByRole('list', { name: 'Closed problems' });
    await list.getByText(elsewhere.title).waitFor();
    await page.getByLabel('Area').selectOption(packing.slug);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => list.getByText(elsewhere.title).count(), EVENTUALLY).toBe(0);
    await list.getByText(inPacking.title).waitFor();
    expect(await list.getByText(stillOpen.title).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('area')).toBe(packing.slug);

    const shared = await open(andon.admin, new URL(page.url()).pathname + new URL(page.url()).search);
    const sharedList = shared.getByRole('list', { name: 'Closed problems' });
    await sharedList.getByText(inPacking.title).waitFor();
    expect(await sharedList.getByRole('listitem').count()).toBe(1);
    // The area picker shows the link's area once this fresh browser has loaded the areas.
    await expect.poll(() => shared.getByLabel('Area').inputValue(), EVENTUALLY).toBe(packing.slug);
    await sharedList.getByRole('link').click();
    await shared.waitForURL(`${andon.server.url}/problems/${inPacking.number}`);
  });
});
