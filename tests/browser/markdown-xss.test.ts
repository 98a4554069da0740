import { describe, expect, it } from 'vitest';
import { adminFetch, browserAndon } from '../helpers/browser-andon.ts';
import { pageWithSession } from '../helpers/browser.ts';
import { XSS_PAYLOADS } from '../helpers/xss-payloads.ts';

const andon = browserAndon();




async function send(path: string, body: object): Promise<{ number?: number }> {
  const response = await adminFetch(andon, 'POST', path, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { number?: number };
}

describe('Markdown on the timeline', () => {
  it('renders XSS payloads inert: nothing runs, no script, frame, handler or javascript:/data: link reaches the page', async () => {
    const { number } = await send('/api/problems', { title: 'A problem with hostile notes' });
    for (const body of XSS_PAYLOADS) await send(`/api/problems/${number}/timeline`, { kind: 'note', body });
    await send(`/api/problems/${number}/timeline`, { kind: 'observation', body: XSS_PAYLOADS.join('\n\n') });

    const page = await pageWithSession(andon.browser, andon.server.url, andon.admin);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${andon.server.url}/problems/${number}`);
    await expect.poll(() => page.locator('.timeline__entry').count(), { timeout: 15_000 }).toBe(XSS_PAYLOADS.length + 1);
    // Click everything clickable that came from the payloads: a handler or a script URL would run now.
    for (const link of await page.locator('.markdown a').all()) {
      const href = await link.getAttribute('href');
      if (href && /^https?:/.test(href)) continue;
      await link.click({ modifiers: ['Alt'] }).catch(() => {});
    }
    await page.locator('.markdown details').first().click().catch(() => {});
    await page.waitForTimeout(300);

    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    const found = await page.evaluate(() => {
      const root = document.querySelectorAll('.markdown');
      const inside = (selector: string) => [...root].flatMap((r) => [...r.querySelectorAll(selector)]).length;
      const withHandler = [...root].flatMap((r) => [...r.querySelectorAll('*')])
        .filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length;
      const badLinks = [...root].flatMap((r) => [...r.querySelectorAll('[href], [src]')])
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
        .filter((url) => /^\s*(javascript|data|vbscript):/i.test(url)).length;
      return { scripts: inside('script'), frames: inside('iframe, object, embed, svg, style'), images: inside('img'), withHandler, badLinks };
    });
    expect(found).toEqual({ scripts: 0, frames: 0, images: 0, withHandler: 0, badLinks: 0 });

    const fine = page.locator('.markdown a', { hasText: 'fine link' }).first();
    expect(await fine.getAttribute('href')).toBe('https://example.com/runbook');
    expect(await fine.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await fine.getAttribute('target')).toBe('_blank');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000); // fourteen entries of Markdown to send, render and click: 25-30 s on a busy 2-core machine
});
