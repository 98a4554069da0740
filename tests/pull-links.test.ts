import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../shared/errors.ts';
import type { Problem } from '../shared/problems.ts';
import { PULL_LINK_CODE_ALPHABET, PULL_LINK_CODE_LENGTH, type Kiosk, type KioskPull, type PullLink, type PullLinkList } from '../shared/pull-links.ts';
import { asBrowser, createTestApp, createToken, ORIGIN, sessionCookieOf, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';

let t: TestApp;
afterEach(() => t.close());

async function start(env: Record<string, string> = {}): Promise<Caller> {
  t = await createTestApp(env);
  return setUpAdmin(t.app);
}

async function makeLink(admin: Caller, label?: string, area = 'general'): Promise<PullLink> {
  const response = await admin.request({ method: 'POST', url: `/api/areas/${area}/pull-links`, payload: label === undefined ? {} : { label } });
  expect(response.statusCode).toBe(201);
  return response.json<PullLink>();
}

/** A pull as a kiosk's browser sends it: no cookie, the app's Origin, from `address`. */
function kioskPull(code: string, payload: object, options: { key?: string; address?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/kiosk/${code}/pulls`,
    headers: { origin: ORIGIN, ...(options.key ? { 'idempotency-key': options.key } : {}) },
    remoteAddress: options.address ?? '198.51.100.7',
    payload,
  });
}

async function member(admin: Caller): Promise<Caller> {
  const invite = await admin.request({ method: 'POST', url: '/api/invites', payload: {} });
  const accepted = await t.app.inject({
    method: 'POST', url: `/api/invites/${invite.json<{ code: string }>().code}/accept`, headers: { origin: ORIGIN },
    payload: { name: 'Bo Member', email: 'bo@example.com', password: 'bo has a long password' },
  });
  return asBrowser(t.app, sessionCookieOf(accepted));
}

describe('making pull links', () => {
  it('gives an admin a link with an unguessable code and its URL, listed for the area until turned off', async () => {
    const admin = await start();
    const link = await makeLink(admin, '  Line 3 tablet ');
    expect(link).toMatchObject({ area: 'general', areaName: 'General', label: 'Line 3 tablet', revokedAt: null, lastPulledAt: null });
    expect(link.code).toHaveLength(PULL_LINK_CODE_LENGTH);
    expect(link.code).toMatch(new RegExp(`^[${PULL_LINK_CODE_ALPHABET}]+$`));
    expect(link.url).toBe(`${ORIGIN}/k/${link.code}`);
    const other = await makeLink(admin);
    expect(other.code).not.toBe(link.code);

    // Listed again, with the URL, so the QR card can be printed later.
    const list = await admin.request({ method: 'GET', url: '/api/areas/general/pull-links' });
    expect(list.json<PullLinkList>().items.map((l) => [l.id, l.url])).toEqual([[other.id, other.url], [link.id, link.url]]);

    const revoked = await admin.request({ method: 'DELETE', url: `/api/areas/general/pull-links/${link.id}` });
    expect(revoked.statusCode).toBe(204);
    const again = await admin.request({ method: 'DELETE', url: `/api/areas/general/pull-links/${link.id}` });
    expect(again.statusCode).toBe(204);
    const after = (await admin.request({ method: 'GET', url: '/api/areas/general/pull-links' })).json<PullLinkList>().items;
    expect(after.find((l) => l.id === link.id)?.revokedAt).toEqual(expect.any(String));
    expect(after.find((l) => l.id === other.id)?.revokedAt).toBeNull();
  });

  it('refuses bad input with a 400 naming the field, and unknown areas or links with 404, changing nothing', async () => {
    const admin = await start();
    const long = await admin.request({ method: 'POST', url: '/api/areas/general/pull-links', payload: { label: 'x'.repeat(101) } });
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorBody>().error.details[0].field).toBe('label');
    const extra = await admin.request({ method: 'POST', url: '/api/areas/general/pull-links', payload: { area: 'other' } });
    expect(extra.statusCode).toBe(400);
    const noArea = await admin.request({ method: 'POST', url: '/api/areas/nowhere/pull-links', payload: {} });
    expect(noArea.statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: '/api/areas/general/pull-links' })).json<PullLinkList>().items).toEqual([]);

    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } });
    const link = await makeLink(admin);
    const wrongArea = await admin.request({ method: 'DELETE', url: `/api/areas/packing/pull-links/${link.id}` });
    expect(wrongArea.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/kiosk/${link.code}` })).statusCode).toBe(200);
  });

  it('is for admins only: a member, an API token and nobody are refused', async () => {
    const admin = await start();
    const link = await makeLink(admin);
    const bo = await member(admin);
    const token = await createToken(admin);
    for (const request of [
      { method: 'POST' as const, url: '/api/areas/general/pull-links', payload: {} },
      { method: 'GET' as const, url: '/api/areas/general/pull-links' },
      { method: 'DELETE' as const, url: `/api/areas/general/pull-links/${link.id}` },
    ]) {
      expect((await bo.request(request)).statusCode).toBe(403);
      expect((await t.app.inject({ ...request, headers: { authorization: token } })).statusCode).toBe(403);
      expect((await t.app.inject(request)).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/kiosk/${link.code}` })).statusCode).toBe(200);
  });
});

describe('pulling through a link', () => {
  it('needs no account, and records the link as the source with the name typed', async () => {
    const admin = await start();
    const link = await makeLink(admin, 'Line 3 tablet');
    const kiosk = await t.app.inject({ method: 'GET', url: `/api/kiosk/${link.code}` });
    expect(kiosk.json<Kiosk>()).toEqual({ area: 'general', areaName: 'General', label: 'Line 3 tablet' });

    const named = await kioskPull(link.code, { title: 'Press 4 guard open', level: 'stop', name: ' Mia ' });
    expect(named.statusCode).toBe(201);
    const ack = named.json<KioskPull>();
    expect(ack).toMatchObject({ title: 'Press 4 guard open', level: 'stop', areaName: 'General' });
    // Only the acknowledgement: someone without an account is not shown the problem's workings.
    expect(Object.keys(ack).sort()).toEqual(['areaName', 'level', 'number', 'raisedAt', 'title']);

    const problem = (await admin.request({ method: 'GET', url: `/api/problems/${ack.number}` })).json<Problem>();
    expect(problem).toMatchObject({ area: 'general', level: 'stop', status: 'raised', raisedBy: { kind: 'link', id: link.id, name: 'Mia' } });

    const nameless = (await kioskPull(link.code, { title: 'Oil on the floor' })).json<KioskPull>();
    const second = (await admin.request({ method: 'GET', url: `/api/problems/${nameless.number}` })).json<Problem>();
    expect(second).toMatchObject({ level: 'help', raisedBy: { kind: 'link', name: 'Line 3 tablet' } });

    const listed = (await admin.request({ method: 'GET', url: '/api/areas/general/pull-links' })).json<PullLinkList>().items[0];
    expect(listed.lastPulledAt).toEqual(expect.any(String));
  });

  it('makes a retry with the same idempotency key one problem, answered the same', async () => {
    const admin = await start();
    const link = await makeLink(admin);
    const key = 'a5f3c1d2-0000-4000-8000-000000000001';
    const first = await kioskPull(link.code, { title: 'Conveyor jammed', level: 'stop' }, { key });
    const retry = await kioskPull(link.code, { title: 'Conveyor jammed', level: 'stop' }, { key });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<KioskPull>()).toEqual(first.json<KioskPull>());
    const open = (await admin.request({ method: 'GET', url: '/api/problems?status=open' })).json<{ items: Problem[] }>().items;
    expect(open.filter((p) => p.title === 'Conveyor jammed')).toHaveLength(1);
  });

  it('pulls in two touches: with no title, the title says the level and where', async () => {
    const admin = await start();
    const labelled = await makeLink(admin, 'Line 3 tablet');
    const bare = await makeLink(admin);
    expect((await kioskPull(labelled.code, { level: 'stop' })).json<KioskPull>().title).toBe('Stop pulled at Line 3 tablet');
    expect((await kioskPull(bare.code, { title: '  ' })).json<KioskPull>().title).toBe('Help pulled at General');
  });

  it('refuses an oversized title or a field it does not know with a 400, and raises nothing', async () => {
    const admin = await start();
    const link = await makeLink(admin);
    const long = await kioskPull(link.code, { title: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorBody>().error.details[0].field).toBe('title');
    expect((await kioskPull(link.code, { title: 'ok', name: 'n'.repeat(101) })).statusCode).toBe(400);
    expect((await kioskPull(link.code, { title: 'ok', area: 'elsewhere' })).statusCode).toBe(400);
    expect((await admin.request({ method: 'GET', url: '/api/problems' })).json<{ items: Problem[] }>().items).toEqual([]);
  });

  it('refuses a pull from another site', async () => {
    const admin = await start();
    const link = await makeLink(admin);
    const response = await t.app.inject({
      method: 'POST', url: `/api/kiosk/${link.code}/pulls`, headers: { origin: 'https://evil.example' }, payload: { title: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect((await admin.request({ method: 'GET', url: '/api/problems' })).json<{ items: Problem[] }>().items).toEqual([]);
  });

  it('refuses a turned-off link with 410 and an unknown one with 404, in the error shape', async () => {
    const admin = await start();
    const link = await makeLink(admin);
    await admin.request({ method: 'DELETE', url: `/api/areas/general/pull-links/${link.id}` });
    const page = await t.app.inject({ method: 'GET', url: `/api/kiosk/${link.code}` });
    expect(page.statusCode).toBe(410);
    expect(page.json<ErrorBody>().error).toMatchObject({ code: 'pull_link_turned_off', message: expect.stringContaining('General') as string });
    const pull = await kioskPull(link.code, { title: 'Anyone there?' });
    expect(pull.statusCode).toBe(410);
    expect((await admin.request({ method: 'GET', url: '/api/problems' })).json<{ items: Problem[] }>().items).toEqual([]);

    const unknown = await t.app.inject({ method: 'GET', url: '/api/kiosk/notacodeatall' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<ErrorBody>().error.code).toBe('pull_link_unknown');
    expect((await kioskPull('notacodeatall', { title: 'x' })).statusCode).toBe(404);
  });

  it('treats a link into an archived area as turned off', async () => {
    const admin = await start();
    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Packing' } });
    const link = await makeLink(admin, undefined, 'packing');
    await admin.request({ method: 'PATCH', url: '/api/areas/packing', payload: { archived: true } });
    expect((await kioskPull(link.code, { title: 'x' })).statusCode).toBe(410);
  });
});

describe('rate limits on pulls through links', () => {
  it('answers 429 in the error shape once one link has pulled its limit, from however many addresses', async () => {
    const admin = await start({ ANDON_PULL_LINK_RATE_LIMIT: '3', ANDON_PULL_ADDRESS_RATE_LIMIT: '100' });
    const stuck = await makeLink(admin, 'Stuck kiosk');
    const other = await makeLink(admin, 'Other kiosk');
    for (let i = 0; i < 3; i++) expect((await kioskPull(stuck.code, { title: `pull ${i}` }, { address: `203.0.113.${i + 1}` })).statusCode).toBe(201);
    const refused = await kioskPull(stuck.code, { title: 'one too many' }, { address: '203.0.113.50' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json<ErrorBody>().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another link is not held up by the stuck one.
    expect((await kioskPull(other.code, { title: 'elsewhere' }, { address: '203.0.113.50' })).statusCode).toBe(201);
    const titles = (await admin.request({ method: 'GET', url: '/api/problems' })).json<{ items: Problem[] }>().items.map((p) => p.title);
    expect(titles).not.toContain('one too many');
    expect(titles).toHaveLength(4);
  });

  it('answers 429 once one address has pulled its limit, across links', async () => {
    const admin = await start({ ANDON_PULL_LINK_RATE_LIMIT: '100', ANDON_PULL_ADDRESS_RATE_LIMIT: '2' });
    const links = [await makeLink(admin), await makeLink(admin), await makeLink(admin)];
    expect((await kioskPull(links[0].code, { title: 'a' }, { address: '192.0.2.9' })).statusCode).toBe(201);
    expect((await kioskPull(links[1].code, { title: 'b' }, { address: '192.0.2.9' })).statusCode).toBe(201);
    const refused = await kioskPull(links[2].code, { title: 'c' }, { address: '192.0.2.9' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json<ErrorBody>().error.message).toMatch(/try again in \d+ seconds/);
    // Someone else, elsewhere, still gets through on the same link.
    expect((await kioskPull(links[2].code, { title: 'c' }, { address: '192.0.2.10' })).statusCode).toBe(201);
    expect((await admin.request({ method: 'GET', url: '/api/problems' })).json<{ items: Problem[] }>().items).toHaveLength(3);
  });

  it('does not throttle pulls by signed-in people', async () => {
    const admin = await start({ ANDON_PULL_LINK_RATE_LIMIT: '1', ANDON_PULL_ADDRESS_RATE_LIMIT: '1' });
    for (let i = 0; i < 3; i++) expect((await admin.request({ method: 'POST', url: '/api/problems', payload: { title: `p${i}` } })).statusCode).toBe(201);
  });
});
