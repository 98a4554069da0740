import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../server/accounts/store.ts';
import { createPasswordHasher } from '../server/accounts/passwords.ts';
import type { CreatedApiToken, Invite, User } from '../shared/accounts.ts';
import type { AreaList } from '../shared/areas.ts';
import type { ErrorBody } from '../shared/errors.ts';
import { ADMIN, asBrowser, createTestApp, ORIGIN, sessionCookieOf, setUpAdmin, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('first set-up', () => {
  it('creates the first admin and the area General, signs them in, and is refused afterwards', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
    const admin = await setUpAdmin(t.app);
    const me = await admin.request({ method: 'GET', url: '/api/me' });
    expect(me.json()).toMatchObject({ kind: 'user', user: { email: ADMIN.email, role: 'admin', name: ADMIN.name } });
    const areas = await admin.request({ method: 'GET', url: '/api/areas' });
    expect(areas.json<AreaList>().items.map((a) => [a.slug, a.name])).toEqual([['general', 'General']]);

    const again = await t.app.inject({ method: 'POST', url: '/api/setup', headers: { origin: ORIGIN }, payload: { ...ADMIN, email: 'eve@example.com' } });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('already_set_up');
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
  });

  it('stores the password only as a salted scrypt hash', async () => {
    await setUpAdmin(t.app);
    const { passwordHash } = (await findUserByEmail(t.db, ADMIN.email))!;
    expect(passwordHash).toMatch(/^scrypt\$\d+\$8\$\d\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(passwordHash).not.toContain(ADMIN.password);
    const passwords = createPasswordHasher();
    expect(await passwords.verify(ADMIN.password, passwordHash)).toBe(true);
    expect(await passwords.verify(`${ADMIN.password}!`, passwordHash)).toBe(false);
  });

  it('sets an httpOnly, SameSite=Lax session cookie, Secure only behind https', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/setup', headers: { origin: ORIGIN }, payload: ADMIN });
    const cookie = response.cookies.find((c) => c.name === 'andon_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();

    const https = await createTestApp({ PUBLIC_URL: 'https://andon.example.com' });
    try {
      const secure = await https.app.inject({ method: 'POST', url: '/api/setup', headers: { origin: 'https://andon.example.com' }, payload: ADMIN });
      expect(secure.cookies.find((c) => c.name === 'andon_session')!.secure).toBe(true);
    } finally {
      await https.close();
    }
  });
});

describe('sign in and out', () => {
  it('signs in with the right password only, and signing out revokes the session on the server', async () => {
    await setUpAdmin(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/session', headers: { origin: ORIGIN }, payload: { email: ADMIN.email, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies).toHaveLength(0);

    const ok = await t.app.inject({ method: 'POST', url: '/api/session', headers: { origin: ORIGIN }, payload: { email: ' ADA@example.com ', password: ADMIN.password } });
    expect(ok.statusCode).toBe(200);
    const browser = asBrowser(t.app, sessionCookieOf(ok));
    expect((await browser.request({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);

    expect((await browser.request({ method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    // The old cookie no longer works even if a client kept it.
    expect((await browser.request({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
  });

  it('answers 401 to an anonymous caller on everything but the public routes', async () => {
    for (const url of ['/api/me', '/api/areas', '/api/problems', '/api/tokens']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json<ErrorBody>().error.code).toBe('unauthorized');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('keeps every documented route but set-up, sign-in, invite acceptance, reset links and pull links behind a credential', async () => {
    // A pull link's code is the credential of the kiosk routes (tests/pull-links.test.ts refuses a wrong one).
    const publicRoutes = [
      'GET /api/setup', 'POST /api/setup', 'POST /api/session', 'GET /api/invites/{code}', 'POST /api/invites/{code}/accept',
      'GET /api/password-resets/{code}', 'POST /api/password-resets/{code}', 'GET /api/kiosk/{code}', 'POST /api/kiosk/{code}/pulls',
    ];
    const { paths } = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, object> }>();
    const routes = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes).toEqual(expect.arrayContaining([...publicRoutes, 'GET /api/problems', 'POST /api/areas']));
    for (const route of routes.filter((r) => !publicRoutes.includes(r))) {
      const [method, path] = route.split(' ');
      // The learnings feed takes its credential in the URL, as feed readers can only send one there.
      const url = path.replace(/\{[^}]+\}/g, '1') + (path.endsWith('/feed.atom') ? '?token=not-a-feed-token' : '');
      const response = await t.app.inject({ method: method as 'GET', url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(response.statusCode, route).toBe(401);
    }
  });

  it('rate-limits password guessing per address', async () => {
    const limited = await createTestApp({ ANDON_AUTH_RATE_LIMIT: '3' });
    try {
      const attempt = () => limited.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x@example.com', password: 'guess guess' } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await attempt()).json<ErrorBody>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('lets only a signed-in person sign out: an API token is refused', async () => {
    const admin = await setUpAdmin(t.app);
    const token = (await admin.request({ method: 'POST', url: '/api/tokens', payload: { name: 'cron' } })).json<CreatedApiToken>().token;
    const response = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorBody>().error.code).toBe('user_only');
  });
});

describe('cross-origin protection', () => {
  it('refuses a cookie-carrying write from another origin or with no origin, and changes nothing', async () => {
    const admin = await setUpAdmin(t.app);
    for (const origin of ['https://evil.example', undefined]) {
      const response = await t.app.inject({
        method: 'POST', url: '/api/areas', payload: { name: 'Payments' },
        headers: { cookie: admin.cookie, ...(origin ? { origin } : {}) },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json<ErrorBody>().error.code).toBe('origin_refused');
    }
    const areas = await admin.request({ method: 'GET', url: '/api/areas' });
    expect(areas.json<AreaList>().items).toHaveLength(1);
  });

  it('refuses a sign-in posted from another site, though signing in needs no session', async () => {
    await setUpAdmin(t.app);
    const response = await t.app.inject({
      method: 'POST', url: '/api/session', headers: { origin: 'https://evil.example' }, payload: { email: ADMIN.email, password: ADMIN.password },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorBody>().error.code).toBe('origin_refused');
    expect(response.cookies).toHaveLength(0);
  });
});

describe('invites', () => {
  it('lets an admin invite a member who picks a name and password, once, and signs them in', async () => {
    const admin = await setUpAdmin(t.app);
    const invite = await admin.request({ method: 'POST', url: '/api/invites', payload: { email: 'bo@example.com' } });
    expect(invite.statusCode).toBe(201);
    const { code, link, role } = invite.json<Invite>();
    expect(role).toBe('member');
    expect(link).toBe(`${ORIGIN}/invite/${code}`);

    expect((await t.app.inject({ method: 'GET', url: `/api/invites/${code}` })).json()).toMatchObject({ email: 'bo@example.com', role: 'member' });
    const accept = await t.app.inject({
      method: 'POST', url: `/api/invites/${code}/accept`, headers: { origin: ORIGIN }, payload: { name: 'Bo Member', password: 'bo has a long password' },
    });
    expect(accept.statusCode).toBe(201);
    const member = asBrowser(t.app, sessionCookieOf(accept));
    expect((await member.request({ method: 'GET', url: '/api/me' })).json<{ user: User }>().user).toMatchObject({ name: 'Bo Member', role: 'member', email: 'bo@example.com' });

    const reuse = await t.app.inject({
      method: 'POST', url: `/api/invites/${code}/accept`, headers: { origin: ORIGIN }, payload: { name: 'Mallory', password: 'another long password' },
    });
    expect(reuse.statusCode).toBe(404);

    const signIn = await t.app.inject({ method: 'POST', url: '/api/session', headers: { origin: ORIGIN }, payload: { email: 'bo@example.com', password: 'bo has a long password' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('refuses an expired invite', async () => {
    const admin = await setUpAdmin(t.app);
    const { code } = (await admin.request({ method: 'POST', url: '/api/invites', payload: {} })).json<Invite>();
    t.clock.advance(72 * 3_600_000 + 1);
    const accept = await t.app.inject({
      method: 'POST', url: `/api/invites/${code}/accept`, headers: { origin: ORIGIN }, payload: { name: 'Late', password: 'late long password', email: 'late@example.com' },
    });
    expect(accept.statusCode).toBe(404);
  });

  it('lets only admins invite', async () => {
    const admin = await setUpAdmin(t.app);
    const { code } = (await admin.request({ method: 'POST', url: '/api/invites', payload: { email: 'm@example.com' } })).json<Invite>();
    const accept = await t.app.inject({ method: 'POST', url: `/api/invites/${code}/accept`, headers: { origin: ORIGIN }, payload: { name: 'M', password: 'member long password' } });
    const member = asBrowser(t.app, sessionCookieOf(accept));
    const response = await member.request({ method: 'POST', url: '/api/invites', payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorBody>().error.code).toBe('admin_only');
  });
});
