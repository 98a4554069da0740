import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndon } from '../helpers/browser-andon.ts';
import { alertsLive, gotoUntouched, launchBrowser, pageWithSession, pullAnsweredFor } from '../helpers/browser.ts';
import { addMember, createToken, setResponders } from '../helpers/organisation.ts';
import { raiseProblem, uniqueTitle } from '../helpers/problems.ts';

const andon = browserAndon();

const EVENTUALLY = { timeout: 15_000 };

let responder: string;
let follower: string;
let token: string;

beforeAll(async () => {
  responder = await addMember(andon.server.url, andon.admin);
  follower = await addMember(andon.server.url, andon.admin, { name: 'Cy Follower', email: 'cy@example.com', password: 'cy has a long password' });
  token = await createToken(andon.server.url, andon.admin, 'monitoring');
  await setResponders(andon.server.url, andon.admin, 'general', [responder]);
});

async function openLive(session: string, path: string): Promise<Page> {
  const page = await pageWithSession(andon.browser, andon.server.url, session);
  await gotoUntouched(page, `${andon.server.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await alertsLive(page);
  return page;
}

/** As in headless Chromium: no audio element plays at all, whatever the autoplay policy. */
async function clipCannotPlay(page: Page): Promise<void> {
  await page.addInitScript(() => {
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('Failed to load because no supported source was found.', 'NotSupportedError'));
  });
}

const bannerFor = (page: Page, number: number) => page.getByRole('alert').filter({ hasText: `#${number}` });

describe('in-app alerts', () => {
  it('says sound is blocked until a click; a Stop sounds an alarm until acknowledged, a Help chimes once', async () => {
    const bo = await openLive(responder, '/');
    const blocked = bo.getByRole('button', { name: 'Sound is blocked — click to enable' });
    await blocked.waitFor();

    const stop = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Press 4 guard open'), level: 'stop' });
    const stopBanner = bannerFor(bo, stop.number);
    await stopBanner.waitFor();
    expect(await stopBanner.textContent()).toContain(`STOP pulled in General: #${stop.number}`);
    expect(await stopBanner.getAttribute('data-sound')).toBe('blocked');

    await blocked.click();
    await expect.poll(() => blocked.count(), EVENTUALLY).toBe(0);
    await expect.poll(() => stopBanner.getAttribute('data-sound'), EVENTUALLY).toBe('alarm');
    expect(await stopBanner.textContent()).toContain('Alarm sounding until you acknowledge it');

    const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Label roll low'), level: 'help' });
    const helpBanner = bannerFor(bo, help.number);
    await helpBanner.waitFor();
    expect(await helpBanner.getAttribute('data-sound')).toBe('chime');
    expect(await helpBanner.textContent()).not.toContain('Alarm sounding');
    expect(await helpBanner.textContent()).toContain(`Help pulled in General: #${help.number}`);

    // Acknowledging is by keyboard too.
    await stopBanner.getByRole('button', { name: `Acknowledge the alert for #${stop.number}` }).focus();
    await bo.keyboard.press('Enter');
    await expect.poll(() => stopBanner.count(), EVENTUALLY).toBe(0);
    expect(await helpBanner.count()).toBe(1);
    await bo.context().close();
  }, 90_000);

  it.each([
    { refusal: 'the browser refuses the silent clip (autoplay policy)', clipFails: false },
    // Headless Chromium, as Lighthouse runs it, cannot play the clip at all: that tells nothing, and
    // is no reason to start the audio service (about 75 ms of blocked main thread) as the board loads.
    { refusal: 'the silent clip cannot be played at all', clipFails: true },
  ])('finds sound blocked without making an AudioContext as the page loads when $refusal; the click that unlocks it makes one', async ({ clipFails }) => {
    const page = await pageWithSession(andon.browser, andon.server.url, responder);
    if (clipFails) await clipCannotPlay(page);
    await page.addInitScript(() => {
      const w = window as unknown as { audioContextsMade: number };
      w.audioContextsMade = 0;
      window.AudioContext = class extends AudioContext {
        constructor(options?: AudioContextOptions) {
          super(options);
          w.audioContextsMade += 1;
        }
      };
    });
    await gotoUntouched(page, `${andon.server.url}/board`);
    const blocked = page.getByRole('button', { name: 'Sound is blocked — click to enable' });
    await blocked.waitFor();
    const made = () => page.evaluate(() => (window as unknown as { audioContextsMade: number }).audioContextsMade);
    expect(await made()).toBe(0);

    await blocked.click();
    await blocked.waitFor({ state: 'detached' });
    expect(await made()).toBe(1);
    await page.context().close();
  });

  it.each([
    { clip: 'plays the silent clip', clipFails: false },
    // Nothing then says sound may play until the first sound's AudioContext runs.
    { clip: 'cannot play the silent clip', clipFails: true },
  ])('on a kiosk whose browser lets sound play unasked and $clip, chimes a Help and says nothing is blocked', async ({ clipFails }) => {
    const kiosk = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
    try {
      const page = await pageWithSession(kiosk, andon.server.url, responder);
      if (clipFails) await clipCannotPlay(page);
      await gotoUntouched(page, `${andon.server.url}/board`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await alertsLive(page);
      const help = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Glue gun cold'), level: 'help' });
      const banner = bannerFor(page, help.number);
      await banner.waitFor();
      await expect.poll(() => banner.getAttribute('data-sound'), EVENTUALLY).toBe('chime');
      expect(await page.getByRole('button', { name: 'Sound is blocked — click to enable' }).count()).toBe(0);
    } finally {
      await kiosk.close();
    }
  }, 60_000);

  it('takes the first press on a page whole: the notice that sound is blocked stays until the click is done', async () => {
    const page = await pageWithSession(andon.browser, andon.server.url, responder, { viewport: { width: 390, height: 844 } });
    // Keeps the page's attempts to start audio, so the test can let one finish before lifting the finger.
    await page.addInitScript(() => {
      const w = window as unknown as { audioResumes: Promise<void>[] };
      w.audioResumes = [];
      const resume = AudioContext.prototype.resume; // eslint-disable-line @typescript-eslint/unbound-method -- called with its context below
      AudioContext.prototype.resume = function (this: AudioContext) {
        const started = resume.call(this);
        w.audioResumes.push(started);
        return started;
      };
    });
    await gotoUntouched(page, andon.server.url);
    const blocked = page.getByRole('button', { name: 'Sound is blocked — click to enable' });
    await blocked.waitFor();
    const title = uniqueTitle('Conveyor 3 belt frayed');
    await page.getByLabel('What did you see?').fill(title);
    const help = page.getByRole('button', { name: 'Help', exact: true });
    const pressedAt = await help.boundingBox();
    if (!pressedAt) throw new Error('the Help button has no box');
    await page.mouse.move(pressedAt.x + pressedAt.width / 2, pressedAt.y + pressedAt.height / 2);
    await page.mouse.down();
    // Whatever the press set off has finished and been drawn while the finger is still down.
    await page.evaluate(async () => {
      await Promise.all((window as unknown as { audioResumes: Promise<void>[] }).audioResumes);
      await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
    });
    expect(await help.boundingBox()).toEqual(pressedAt);

    const pulled = await pullAnsweredFor(page, () => page.mouse.up());
    expect(pulled.title).toBe(title);
    // That click was also the one that let sound play.
    await blocked.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it("keeps each person's choices: a follower is alerted of an area's pulls, and sound off stays off after a reload", async () => {
    const cy = await openLive(follower, '/alerts');
    await cy.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await cy.getByRole('group', { name: 'Areas you follow' }).getByLabel('General').check();
    await cy.getByLabel('Sound', { exact: true }).uncheck();
    await cy.getByRole('button', { name: 'Save alert choices' }).click();
    await cy.getByText('Alert choices saved.').waitFor();

    await cy.reload();
    await cy.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await expect.poll(() => cy.getByLabel('Sound', { exact: true }).isChecked(), EVENTUALLY).toBe(false);
    expect(await cy.getByRole('group', { name: 'Areas you follow' }).getByLabel('General').isChecked()).toBe(true);
    // Sound is off, so nothing asks for a click to enable it.
    expect(await cy.getByRole('button', { name: 'Sound is blocked — click to enable' }).count()).toBe(0);

    await cy.goto(`${andon.server.url}/board`);
    await cy.getByRole('heading', { level: 1, name: 'Board' }).waitFor();
    await alertsLive(cy);
    const problem = await raiseProblem(andon.server.url, token, { title: uniqueTitle('Forklift battery low') });
    const banner = bannerFor(cy, problem.number);
    await banner.waitFor();
    expect(await banner.getAttribute('data-sound')).toBe('off');
    await banner.getByRole('link', { name: `Open #${problem.number}` }).click();
    await cy.getByRole('heading', { level: 1, name: /Forklift battery low/ }).waitFor();
    await cy.context().close();
  }, 90_000);
});
