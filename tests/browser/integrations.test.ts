import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndon } from '../helpers/browser-andon.ts';
import { accessibilityProblems } from '../helpers/accessibility.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { fixture } from '../helpers/integrations.ts';

const andon = browserAndon();

const EVENTUALLY = { timeout: 15_000 };
const SHOTS = process.env.ANDON_SCREENSHOTS;


async function shoot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('an Alertmanager integration, set up in Settings', () => {
  it('shows a receiver to paste; Alertmanager posting to it puts the alert group on the board with its alerts firing', async () => {
    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${andon.server.url}/settings`);
    const section = page.getByRole('region', { name: 'Integrations' });
    await section.getByLabel('Monitor').selectOption('alertmanager');
    await section.getByLabel('Name (optional)').fill('Alertmanager prod');
    await section.getByRole('button', { name: 'Add integration' }).click();

    const snippet = section.getByLabel('Configuration to paste');
    await expect.poll(() => snippet.textContent(), EVENTUALLY).toContain('webhook_configs:');
    const text = (await snippet.textContent()) ?? '';
    const url = /url: (\S+)/.exec(text)?.[1] ?? '';
    const token = /credentials: (\S+)/.exec(text)?.[1] ?? '';
    expect(url).toMatch(/\/api\/integrations\/[^/]+\/notify$/);
    expect(await section.getByRole('textbox', { name: 'Token', exact: true }).inputValue()).toBe(token);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, 'settings-integration-desk');

    // What Alertmanager sends with that receiver.
    const sent = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(fixture('alertmanager/1-firing-two-alerts.json')) });
    expect(sent.status).toBe(201);

    await section.getByRole('button', { name: 'I have copied it' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'Integrations' }).textContent(), EVENTUALLY).toContain('Alertmanager prod');
    await expect.poll(() => page.getByRole('list', { name: 'Integrations' }).textContent(), EVENTUALLY).toContain('last heard');

    await page.goto(`${andon.server.url}/board`);
    const card = page.getByRole('link', { name: /Disk almost full on the database hosts/ });
    await expect.poll(() => card.textContent(), EVENTUALLY).toContain('2 alerts firing');
    for (const size of [{ width: 390, height: 844, name: 'phone' }, { width: 1920, height: 1080, name: 'wall' }]) {
      await page.setViewportSize(size);
      await shoot(page, `board-${size.name}`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await card.click();
    await page.getByRole('heading', { level: 1, name: /Disk almost full/ }).waitFor();
    expect(await page.getByText('2 alerts firing').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Runbook' }).getAttribute('href')).toBe('https://runbooks.example.com/disk-full');
    expect(await page.locator('.facts').textContent()).toContain('Pulled byAlertmanager prod (integration)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shoot(page, 'problem-phone');
    await page.context().close();
  });
});
