import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listLiveApiTokens } from '../server/accounts/store.ts';
import { hashSecret } from '../server/accounts/secrets.ts';
import type { ApiTokenList, CreatedApiToken } from '../shared/accounts.ts';
import type { Area } from '../shared/areas.ts';
import type { ErrorBody } from '../shared/errors.ts';
import { createTestApp, createToken, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Caller;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
});
afterEach(() => t.close());

describe('areas', () => {
  it('creates an area with a slug from its name and a 5-minute response target by default', async () => {
    const created = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Checkout Service', description: 'payments path' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'checkout-service', name: 'Checkout Service', responseTargetMinutes: 5, archived: false });
  });

  it('refuses a duplicate slug with 409', async () => {
    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Ops' } });
    const dup = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Ops team', slug: 'ops' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ErrorBody>().error.code).toBe('slug_taken');
  });

  it('renames, retargets and archives; an archived area takes no new pulls', async () => {
    await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'Line 1', responseTargetMinutes: 3 } });
    const renamed = await admin.request({ method: 'PATCH', url: '/api/areas/line-1', payload: { name: 'Press line 1', responseTargetMinutes: 2 } });
    expect(renamed.json()).toMatchObject({ slug: 'line-1', name: 'Press line 1', responseTargetMinutes: 2 });
    const archived = await admin.request({ method: 'PATCH', url: '/api/areas/line-1', payload: { archived: true } });
    expect(archived.json<Area>().archived).toBe(true);
    const pull = await admin.request({ method: 'POST', url: '/api/problems', payload: { title: 'x', area: 'line-1' } });
    expect(pull.statusCode).toBe(400);
    expect(pull.json<ErrorBody>().error.details[0]).toEqual({ field: 'area', message: 'is archived' });
  });

  it('refuses a response target of zero', async () => {
    const response = await admin.request({ method: 'POST', url: '/api/areas', payload: { name: 'X', responseTargetMinutes: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.details[0].field).toBe('responseTargetMinutes');
  });
});

describe('API tokens', () => {
  it('shows a token once, stores only its hash, and lets a machine pull with it', async () => {
    const created = await admin.request({ method: 'POST', url: '/api/tokens', payload: { name: 'alertmanager' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<CreatedApiToken>();
    expect(token).toMatch(/^andon_/);

    // What is stored is the token's hash: it finds the token, and the token itself is nowhere.
    const stored = (await listLiveApiTokens(t.db)).find((row) => row.id === id)!;
    expect(stored.tokenHash).toBe(hashSecret(token));
    expect(stored.tokenHash).not.toContain(token.slice('andon_'.length));
    const listed = (await admin.request({ method: 'GET', url: '/api/tokens' })).json<ApiTokenList>();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.items[0]).toMatchObject({ id, name: 'alertmanager' });

    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toEqual({ kind: 'token', token: { id, name: 'alertmanager' } });
  });

  it('needs no Origin for token writes, since a token is never sent by a browser on its own', async () => {
    const auth = await createToken(admin);
    const response = await t.app.inject({ method: 'POST', url: '/api/problems', headers: { authorization: auth }, payload: { title: 'from cron' } });
    expect(response.statusCode).toBe(201);
  });

  it('does not let a token manage tokens or areas', async () => {
    const auth = await createToken(admin);
    for (const [method, url, payload] of [['POST', '/api/tokens', { name: 'x' }], ['POST', '/api/areas', { name: 'x' }]] as const) {
      const response = await t.app.inject({ method, url, headers: { authorization: auth }, payload });
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses a malformed Authorization header', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Token abc' } });
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 when revoking an unknown token', async () => {
    expect((await admin.request({ method: 'DELETE', url: '/api/tokens/nope' })).statusCode).toBe(404);
  });
});
