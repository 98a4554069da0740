import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PROTOCOL } from '../../shared/live.ts';
import { ORIGIN } from '../helpers/app.ts';
import { connect, refusedUpgrade, startLiveApp, within, type LiveApp } from './live-harness.ts';

let t: LiveApp;
beforeAll(async () => {
  t = await startLiveApp();
});
afterAll(() => t.close());

describe('opening /api/live', () => {
  it('welcomes a browser (session cookie and Andon\'s Origin) with the protocol and the newest seq', async () => {
    await t.raise(2);
    const client = await connect(t.url, { cookie: t.admin.cookie, origin: ORIGIN });
    expect(client.messages[0]).toEqual({ type: 'welcome', protocol: LIVE_PROTOCOL, seq: 2 });
    client.ws.close();
  });

  it('welcomes a script with an API token and no Origin', async () => {
    const client = await connect(t.url, { authorization: t.token });
    expect(client.messages[0]).toMatchObject({ type: 'welcome' });
    client.ws.close();
  });

  it('refuses an upgrade without a session or token with 401, before the handshake, and hangs up', async () => {
    const refused = await refusedUpgrade(t.url, { origin: ORIGIN });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    await within(2_000, 'the server hanging up after a refusal', refused.hungUp);
  });

  it('refuses a revoked or unknown token with 401', async () => {
    expect((await refusedUpgrade(t.url, { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('refuses a signed-in browser on another site (foreign Origin) with 403', async () => {
    const refused = await refusedUpgrade(t.url, { cookie: t.admin.cookie, origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_refused');
  });

  it('refuses a token client that claims a foreign Origin with 403', async () => {
    expect((await refusedUpgrade(t.url, { authorization: t.token, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('refuses a cookie upgrade that carries no Origin with 403, and hangs up', async () => {
    const refused = await refusedUpgrade(t.url, { cookie: t.admin.cookie });
    expect(refused.status).toBe(403);
    await within(2_000, 'the server hanging up after a refusal', refused.hungUp);
  });

  it.each(['abc', '-1', '1.5', '1e3', '', '+3', '99999999999999999999'])('refuses since=%j with 400', async (since) => {
    const refused = await refusedUpgrade(`${t.url}?since=${encodeURIComponent(since)}`, { authorization: t.token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
  });

  it.each([['/api/problems', 200], ['/api/nowhere', 404]])('answers an upgrade attempt on %s over HTTP (%i) and hangs up', async (path, status) => {
    const refused = await refusedUpgrade(t.url.replace('/api/live', path), { authorization: t.token });
    expect(refused.status).toBe(status);
    await within(2_000, 'the server hanging up after an HTTP answer to an upgrade', refused.hungUp);
  });

  it('refuses two since values with 400', async () => {
    expect((await refusedUpgrade(`${t.url}?since=1&since=2`, { authorization: t.token })).status).toBe(400);
  });
});
