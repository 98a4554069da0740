import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The browser to drive; a missing browser fails the run rather than skipping it. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error('No Chromium or Chrome found for the browser tests: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH');
  }
  return found;
}

/** `extraArgs`: more Chromium switches, such as a kiosk's `--autoplay-policy=no-user-gesture-required`. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Without the background-networking flags Chromium stalls on a machine with no internet.
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Under the test's own timeout, so a missing element fails with Playwright's message, not a bare timeout. */
const STEP_TIMEOUT_MS = 15_000;

/** A page in a context of its own, signed in with a session Cookie header (`andon_session=…`). */
export async function pageWithSession(browser: Browser, url: string, cookie: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const at = cookie.indexOf('=');
  await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

/** Collects what Chromium refused under the Content-Security-Policy on this page, whichever URL it is at. */
export function recordPolicyRefusals(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) into.push(`${new URL(page.url()).pathname}: ${message.text()}`);
  });
}

export interface AnsweredProblem {
  number: number;
  title: string;
  level: 'help' | 'stop';
  area: string;
}

/**
 * Does what makes the page pull (a click, an Enter) and answers the problem as the server answered it,
 * so a test finds its own problem by number instead of guessing which number it got.
 */
export async function pullAnsweredFor(page: Page, act: () => Promise<void>): Promise<AnsweredProblem> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/problems' && r.status() === 201),
    act(),
  ]);
  return (await response.json()) as AnsweredProblem;
}

/** In-app alerts come over their own live connection: a pull made before it is open is not news to the page. */
export async function alertsLive(page: Page): Promise<void> {
  await page.locator('.alert-banners[data-live="live"]').waitFor({ state: 'attached' });
}

/**
 * Opens a signed-in page without touching it until its alerts have started (they ask for this
 * person's alert choices as they start, after asking whether sound may play). Playwright's calls
 * into a page count as a person's gesture there, and sound asked for after one may play: a test of
 * blocked sound opens with this.
 */
export async function gotoUntouched(page: Page, url: string): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me/alert-preferences'),
    page.goto(url),
  ]);
}
