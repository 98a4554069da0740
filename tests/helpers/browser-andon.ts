import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { addMember, setUpAdmin } from './organisation.ts';
import { startServer, tempDataDir, type ServerProcess } from './server-process.ts';

/** What a file of browser tests drives: one Chromium, a real Andon on a data directory of its own, its first admin. */
export interface BrowserAndon {
  browser: Browser;
  /** A test that restarts Andon puts the new process here, so it is the one stopped after the file. */
  server: ServerProcess;
  dataDir: string;
  /** Ada's session (ADMIN), set up over HTTP. */
  admin: string;
}

/** And Bo (MEMBER), invited by Ada: two people signed in, for what one does and the other sees. */
export interface TwoPeople extends BrowserAndon {
  member: string;
}

type ServerOptions = { env?: Record<string, string> };

/**
 * Sets up, before the tests of the file that calls it, what they drive, and takes it all down after
 * them. The answer is filled in by then: read it in the tests and hooks, not when the file loads.
 */
export function browserAndon(options: ServerOptions = {}): BrowserAndon {
  return registered(options, async () => ({}));
}

export function twoPeopleInBrowser(options: ServerOptions = {}): TwoPeople {
  return registered(options, async (andon) => ({ member: await addMember(andon.server.url, andon.admin) }));
}

function registered<T extends BrowserAndon>(options: ServerOptions, more: (andon: BrowserAndon) => Promise<Omit<T, keyof BrowserAndon>>): T {
  const data = tempDataDir();
  const andon = { dataDir: data.dir } as T;
  beforeAll(async () => {
    // One after the other: started together on a busy machine, Andon missed its 50 s to answer.
    andon.browser = await launchBrowser();
    andon.server = await startServer({ dataDir: data.dir, ...options });
    andon.admin = await setUpAdmin(andon.server.url);
    Object.assign(andon, await more(andon));
  });
  afterAll(async () => {
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed before starting them */
    await andon.browser?.close();
    await andon.server?.stop();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    data.remove();
  });
  return andon;
}

/**
 * A request as Ada's browser sends it: her session cookie and Andon's own Origin (writes with a
 * cookie need it). For a test that checks the status itself.
 */
export function adminFetch(andon: BrowserAndon, method: string, path: string, body?: object): Promise<Response> {
  return fetch(`${andon.server.url}${path}`, {
    method,
    headers: { cookie: andon.admin, origin: andon.server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** The same, for setting something up: fails unless Andon took it, and answers its JSON (null for 204). */
export async function asAdmin<T = unknown>(andon: BrowserAndon, method: string, path: string, body?: object): Promise<T> {
  const response = await adminFetch(andon, method, path, body);
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? null : await response.json()) as T;
}
