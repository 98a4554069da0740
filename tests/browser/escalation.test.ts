import { beforeAll, describe, expect, it } from 'vitest';
import type { Area } from '../../shared/areas.ts';
import { adminFetch, browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { createToken } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = browserAndon();

const EVENTUALLY = { timeout: 15_000 };
let token: string;

beforeAll(async () => {
  token = await createToken(andon.server.url, andon.admin, 'escalation test machine');
});

async function put(path: string, body: object) {
  const response = await adminFetch(andon, 'PUT', path, body);
  expect(response.status).toBe(200);
}

describe('the response countdown', () => {
  it('counts down on the board card and the problem page, and "Escalate now" escalates at once', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Press line', 5);
    const me = (await (await fetch(`${andon.server.url}/api/me`, { headers: { cookie: andon.admin } })).json()) as { user: { id: string } };
    await put(`/api/areas/${area.slug}/escalation`, { steps: [{ userIds: [me.user.id], waitMinutes: 3 }], repeat: 0 });
    const problem = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Press 4 jams'), area: area.slug });

    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    await page.goto(`${andon.server.url}/board`);
    const card = page.getByRole('link', { name: new RegExp(`^#${problem.number} `) });
    await expect.poll(() => card.getByTestId('countdown').textContent(), EVENTUALLY).toMatch(/^Response: [45]:\d\d left$/);

    await card.click();
    const countdown = page.getByRole('region', { name: 'Response' }).getByTestId('countdown');
    await expect.poll(() => countdown.textContent(), EVENTUALLY).toMatch(/[45]:\d\d left$/);
    await page.getByRole('button', { name: 'Escalate now' }).click();
    await expect.poll(() => countdown.textContent(), EVENTUALLY).toMatch(/escalated · step 1$/); // one step: nobody is left after it
    await page.context().close();
  });

  it('edits the responders and the escalation path in Settings', async () => {
    const area = await createArea(andon.server.url, andon.admin, 'Paint shop', 5);
    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    await page.goto(`${andon.server.url}/settings`);
    await page.getByRole('button', { name: `Responders and escalation of ${area.name}` }).click();
    const editor = page.getByRole('group', { name: `Responders and escalation of ${area.name}` });
    await editor.getByRole('group', { name: 'Responders (alerted at once)' }).getByLabel('Ada Admin').check();
    await editor.getByRole('button', { name: 'Add a step' }).click();
    await editor.getByRole('group', { name: 'Step 1' }).getByLabel('Ada Admin').check();
    await editor.getByLabel('Wait (minutes)').fill('7');
    await editor.getByRole('button', { name: 'Save responders and path' }).click();
    await expect.poll(() => editor.getByRole('status').textContent(), EVENTUALLY).toBe('Responders and escalation path saved.');
    const saved = (await (await fetch(`${andon.server.url}/api/areas/${area.slug}`, { headers: { cookie: andon.admin } })).json()) as Area;
    expect(saved.responders.map((p: { name: string }) => p.name)).toEqual(['Ada Admin']);
    expect(saved.escalation).toMatchObject({ steps: [{ users: [{ name: 'Ada Admin' }], waitMinutes: 7 }], repeat: 0 });
    await page.context().close();
  });
});
