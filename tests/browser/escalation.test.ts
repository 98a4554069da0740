import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Area } from '../../shared/areas.ts';
import { launchBrowser, pageWithSession } from '../helpers/browser.ts';
import { createToken, setUpAdmin } from '../helpers/organisation.ts';
import { createArea, raiseProblem, uniqueTitle } from '../helpers/problems.ts';
import { startServer, tempDataDir, type ServerProcess } from '../helpers/server-process.ts';

const EVENTUALLY = { timeout: 15_000 };
const data = tempDataDir();
let server: ServerProcess;
let browser: Browser;
let cookie: string;
let token: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer({ dataDir: data.dir });
  cookie = await setUpAdmin(server.url);
  token = await createToken(server.url, cookie, 'escalation test machine');
});
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unassigned if beforeAll failed before starting them */
  await browser?.close();
  await server?.stop();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  data.remove();
});

async function put(path: string, body: object) {
  const response = await fetch(`${server.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: server.url, cookie }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

describe('the response countdown', () => {
  it('counts down on the board card and the problem page, and "Escalate now" escalates at once', async () => {
    const area = await createArea(server.url, cookie, 'Press line', 5);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()) as { user: { id: string } };
    await put(`/api/areas/${area.slug}/escalation`, { steps: [{ userIds: [me.user.id], waitMinutes: 3 }], repeat: 0 });
    const problem = await raiseProblem(server.url, token, { title: uniqueTitle('Press 4 jams'), area: area.slug });

    const page = await pageWithSession(browser, server.url, cookie);
    await page.goto(`${server.url}/board`);
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
    const area = await createArea(server.url, cookie, 'Paint shop', 5);
    const page = await pageWithSession(browser, server.url, cookie);
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: `Responders and escalation of ${area.name}` }).click();
    const editor = page.getByRole('group', { name: `Responders and escalation of ${area.name}` });
    await editor.getByRole('group', { name: 'Responders (alerted at once)' }).getByLabel('Ada Admin').check();
    await editor.getByRole('button', { name: 'Add a step' }).click();
    await editor.getByRole('group', { name: 'Step 1' }).getByLabel('Ada Admin').check();
    await editor.getByLabel('Wait (minutes)').fill('7');
    await editor.getByRole('button', { name: 'Save responders and path' }).click();
    await expect.poll(() => editor.getByRole('status').textContent(), EVENTUALLY).toBe('Responders and escalation path saved.');
    const saved = (await (await fetch(`${server.url}/api/areas/${area.slug}`, { headers: { cookie } })).json()) as Area;
    expect(saved.responders.map((p: { name: string }) => p.name)).toEqual(['Ada Admin']);
    expect(saved.escalation).toMatchObject({ steps: [{ users: [{ name: 'Ada Admin' }], waitMinutes: 7 }], repeat: 0 });
    await page.context().close();
  });
});
