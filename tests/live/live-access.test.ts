// Ending someone's access closes their live connections, through the event log (so on every instance).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedApiToken } from '../../shared/accounts.ts';
import { ACCESS_ENDED, LIVE_CLOSE } from '../../shared/live.ts';
import { ADMIN, ORIGIN, sessionCookieOf, type Caller } from '../helpers/app.ts';
import { idOf, inviteMember } from '../helpers/people.ts';
import { connect, startLiveApp, within, type LiveApp } from './live-harness.ts';

let live: LiveApp;
beforeEach(async () => {
  live = await startLiveApp();
});
afterEach(() => live.close());

const asCookie = (caller: Caller) => ({ cookie: caller.cookie, origin: ORIGIN });

describe('live connections when access ends', () => {
  it('deactivating someone closes their connections (cookie and their token) with 4401, and nobody else\'s', async () => {
    const t = { app: live.app, db: live.db, clock: live.clock, close: () => live.close() };
    const bo = await inviteMember(t, live.admin, 'Bo');
    await live.admin.request({ method: 'PATCH', url: `/api/members/${bo.id}`, payload: { role: 'admin' } });
    const token = (await bo.caller.request({ method: 'POST', url: '/api/tokens', payload: { name: 'bo script' } })).json<CreatedApiToken>().token;

    const boBrowser = await connect(live.url, asCookie(bo.caller));
    const boScript = await connect(live.url, { authorization: `Bearer ${token}` });
    const adaBrowser = await connect(live.url, asCookie(live.admin));
    const adaScript = await connect(live.url, { authorization: live.token });

    const answer = await live.admin.request({ method: 'PATCH', url: `/api/members/${bo.id}`, payload: { active: false } });
    expect(answer.statusCode).toBe(200);
    expect((await within(5_000, 'Bo\'s browser connection', boBrowser.closed)).code).toBe(LIVE_CLOSE.accessEnded);
    expect((await within(5_000, 'Bo\'s token connection', boScript.closed)).code).toBe(LIVE_CLOSE.accessEnded);

    // Everyone else stays connected and keeps getting events, which never include the access event.
    const [number] = await live.raise(1);
    for (const client of [adaBrowser, adaScript]) {
      await client.waitFor((c) => c.messages.some((m) => m.type === 'event' && m.name === 'problem.raised' && m.data.number === number));
      expect(client.ws.readyState).toBe(client.ws.OPEN);
      expect(client.messages.some((m) => m.type === 'event' && (m.name as string) === ACCESS_ENDED)).toBe(false);
    }
    // And they cannot come back.
    await expect(connect(live.url, asCookie(bo.caller))).rejects.toThrow(/401/);
  });

  it('changing a password closes the other sessions\' connections and keeps this one\'s', async () => {
    const signedIn = await live.app.inject({ method: 'POST', url: '/api/session', headers: { origin: ORIGIN }, payload: { email: ADMIN.email, password: ADMIN.password } });
    const otherSession = { cookie: sessionCookieOf(signedIn), origin: ORIGIN };
    const here = await connect(live.url, asCookie(live.admin));
    const elsewhere = await connect(live.url, otherSession);

    const changed = await live.admin.request({ method: 'POST', url: '/api/me/password', payload: { currentPassword: ADMIN.password, newPassword: 'a brand new password' } });
    expect(changed.statusCode).toBe(204);
    expect((await within(5_000, 'the other session\'s connection', elsewhere.closed)).code).toBe(LIVE_CLOSE.accessEnded);
    const [number] = await live.raise(1);
    await here.waitFor((c) => c.messages.some((m) => m.type === 'event' && m.name === 'problem.raised' && m.data.number === number));
    expect(here.ws.readyState).toBe(here.ws.OPEN);
    expect(await idOf(live.admin)).toBeTruthy();
  });

  it('revoking a token closes its connections', async () => {
    const made = (await live.admin.request({ method: 'POST', url: '/api/tokens', payload: { name: 'dashboard' } })).json<CreatedApiToken>();
    const dashboard = await connect(live.url, { authorization: `Bearer ${made.token}` });
    expect((await live.admin.request({ method: 'DELETE', url: `/api/tokens/${made.id}` })).statusCode).toBe(204);
    expect((await within(5_000, 'the revoked token\'s connection', dashboard.closed)).code).toBe(LIVE_CLOSE.accessEnded);
  });

  it('a client resuming past the access event never receives it', async () => {
    const bo = await inviteMember({ app: live.app }, live.admin, 'Bo');
    const first = await connect(live.url, { authorization: live.token });
    const welcome = first.messages[0];
    if (welcome.type !== 'welcome') throw new Error('no welcome');
    first.ws.close();
    await live.admin.request({ method: 'PATCH', url: `/api/members/${bo.id}`, payload: { active: false } });
    const [number] = await live.raise(1);
    const resumed = await connect(live.url, { authorization: live.token }, `?since=${welcome.seq}`);
    await resumed.waitFor((c) => c.messages.some((m) => m.type === 'event' && m.name === 'problem.raised' && m.data.number === number));
    expect(resumed.messages.filter((m) => m.type === 'event').map((m) => m.name)).toEqual(['problem.raised']);
  });
});
