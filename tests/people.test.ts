import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../server/accounts/secrets.ts';
import { findOpenPasswordReset } from '../server/people/store.ts';
import type { CreatedApiToken, Invite } from '../shared/accounts.ts';
import type { ErrorBody } from '../shared/errors.ts';
import { PASSWORD_RESET_HOURS, type Member, type MemberList, type PasswordResetLink, type PendingInviteList } from '../shared/people.ts';
import { ADMIN, createTestApp, ORIGIN, sessionCookieOf, setUpAdmin, type Caller, type TestApp } from './helpers/app.ts';
import { idOf, inviteMember } from './helpers/people.ts';

// The password tests hash several times each (scrypt, 32 MiB a hash): they get longer on a busy machine.
let t: TestApp;
let admin: Caller;
beforeEach(async () => {
  t = await createTestApp();
  admin = await setUpAdmin(t.app);
});
afterEach(() => t.close());

const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/session', headers: { origin: ORIGIN }, payload: { email, password } });
const me = (caller: Caller) => caller.request({ method: 'GET', url: '/api/me' });
const patchMember = (caller: Caller, id: string, payload: object) => caller.request({ method: 'PATCH', url: `/api/members/${id}`, payload });
const members = async () => (await admin.request({ method: 'GET', url: '/api/members' })).json<MemberList>().items;

describe('members', () => {
  it('lists everyone with role and last sign-in, recorded at each sign-in', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    t.clock.advance(60_000);
    const signedIn = await signIn('bo@example.com', 'Bo has a long password');
    expect(signedIn.statusCode).toBe(200);
    const list = await members();
    expect(list.map((m) => [m.name, m.role, m.deactivatedAt])).toEqual([['Ada Admin', 'admin', null], ['Bo', 'member', null]]);
    expect(Date.parse(list.find((m) => m.id === bo.id)!.lastSignInAt!)).toBeGreaterThanOrEqual(t.clock.now() - 1_000);
  });

  it('is for admins only', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    expect((await bo.caller.request({ method: 'GET', url: '/api/members' })).statusCode).toBe(403);
    const changed = await patchMember(bo.caller, await idOf(admin), { role: 'member' });
    expect(changed.statusCode).toBe(403);
    expect((await members()).find((m) => m.name === ADMIN.name)!.role).toBe('admin');
  });

  it('changes a role, and never leaves Andon without an active admin (409)', async () => {
    const adminId = await idOf(admin);
    const bo = await inviteMember(t, admin, 'Bo');

    for (const change of [{ role: 'member' }, { active: false }]) {
      const refused = await patchMember(admin, adminId, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorBody>().error.code).toBe('last_admin');
    }
    expect((await me(admin)).json()).toMatchObject({ user: { role: 'admin' } });

    const promoted = await patchMember(admin, bo.id, { role: 'admin' });
    expect(promoted.json<Member>().role).toBe('admin');
    // Now Bo can do admin things, and Ada may step down.
    expect((await bo.caller.request({ method: 'GET', url: '/api/members' })).statusCode).toBe(200);
    expect((await patchMember(admin, adminId, { role: 'member' })).json<Member>().role).toBe('member');
    expect((await admin.request({ method: 'GET', url: '/api/members' })).statusCode).toBe(403);
    // Bo is the last admin now.
    expect((await patchMember(bo.caller, bo.id, { active: false })).statusCode).toBe(409);
  });

  it('answers 400 for a bad change and 404 for nobody, changing nothing', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    expect((await patchMember(admin, bo.id, { role: 'owner' })).statusCode).toBe(400);
    expect((await patchMember(admin, bo.id, {})).statusCode).toBe(400);
    const missing = await patchMember(admin, 'nobody', { role: 'admin' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().error.code).toBe('not_found');
    expect((await members()).find((m) => m.id === bo.id)!.role).toBe('member');
  });
});

describe('deactivating someone', { timeout: 120_000 }, () => {
  it('ends their sessions and the API tokens they made at once, refuses their sign-in with a clear message, and keeps their history', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    await patchMember(admin, bo.id, { role: 'admin' });
    const tokenAnswer = await bo.caller.request({ method: 'POST', url: '/api/tokens', payload: { name: 'bo script' } });
    const token = `Bearer ${tokenAnswer.json<CreatedApiToken>().token}`;
    const adminToken = (await admin.request({ method: 'POST', url: '/api/tokens', payload: { name: 'ada script' } })).json<CreatedApiToken>().token;
    const pulled = await bo.caller.request({ method: 'POST', url: '/api/problems', payload: { title: 'Bo saw smoke' } });
    expect(pulled.statusCode).toBe(201);

    const deactivated = await patchMember(admin, bo.id, { active: false });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json<Member>().deactivatedAt).not.toBeNull();

    expect((await me(bo.caller)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: token } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${adminToken}` } })).statusCode).toBe(200);

    const refused = await signIn('bo@example.com', 'Bo has a long password');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'account_deactivated', message: expect.stringMatching(/deactivated/) as string });
    expect(refused.cookies).toHaveLength(0);
    // A wrong password still says only that: the account's state is not told to a guesser.
    expect((await signIn('bo@example.com', 'a wrong password here')).statusCode).toBe(401);

    const problem = await admin.request({ method: 'GET', url: `/api/problems/1` });
    expect(problem.json()).toMatchObject({ title: 'Bo saw smoke', raisedBy: { name: 'Bo' } });
    expect((await admin.request({ method: 'GET', url: '/api/people' })).json<{ items: Array<{ name: string }> }>().items.map((p) => p.name)).toEqual([ADMIN.name]);

    const reactivated = await patchMember(admin, bo.id, { active: true });
    expect(reactivated.json<Member>().deactivatedAt).toBeNull();
    expect((await signIn('bo@example.com', 'Bo has a long password')).statusCode).toBe(200);
    // Tokens stay revoked: reactivating gives back the account, not the machines' access.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: token } })).statusCode).toBe(401);
  });
});

describe('pending invites', () => {
  it('lists the open ones and revokes one, whose link then stops working', async () => {
    const first = (await admin.request({ method: 'POST', url: '/api/invites', payload: { email: 'cy@example.com' } })).json<Invite>();
    await admin.request({ method: 'POST', url: '/api/invites', payload: { role: 'admin' } });
    await inviteMember(t, admin, 'Bo'); // accepted: not pending
    const list = (await admin.request({ method: 'GET', url: '/api/invites' })).json<PendingInviteList>().items;
    expect(list.map((i) => [i.email, i.role, i.createdByName]).sort()).toEqual([['cy@example.com', 'member', ADMIN.name], [null, 'admin', ADMIN.name]].sort());
    expect(JSON.stringify(list)).not.toContain(first.code);

    const cy = list.find((i) => i.email === 'cy@example.com')!;
    expect((await admin.request({ method: 'DELETE', url: `/api/invites/${cy.id}` })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/invites/${first.code}` })).statusCode).toBe(404);
    const accept = await t.app.inject({ method: 'POST', url: `/api/invites/${first.code}/accept`, headers: { origin: ORIGIN }, payload: { name: 'Cy', password: 'cy has a long password' } });
    expect(accept.statusCode).toBe(404);
    expect((await admin.request({ method: 'DELETE', url: `/api/invites/${cy.id}` })).statusCode).toBe(404);
    expect((await admin.request({ method: 'GET', url: '/api/invites' })).json<PendingInviteList>().items).toHaveLength(1);
  });

  it('leaves out expired invites', async () => {
    await admin.request({ method: 'POST', url: '/api/invites', payload: {} });
    t.clock.advance(8 * 24 * 3_600_000);
    expect((await admin.request({ method: 'GET', url: '/api/invites' })).json<PendingInviteList>().items).toEqual([]);
  });
});

describe('changing your own password', { timeout: 120_000 }, () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const other = sessionCookieOf(await signIn(ADMIN.email, ADMIN.password));
    const wrong = await admin.request({ method: 'POST', url: '/api/me/password', payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>().error.details).toEqual([{ field: 'currentPassword', message: 'is wrong' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other } })).statusCode).toBe(200);

    const changed = await admin.request({ method: 'POST', url: '/api/me/password', payload: { currentPassword: ADMIN.password, newPassword: 'a brand new password' } });
    expect(changed.statusCode).toBe(204);
    expect((await me(admin)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await signIn(ADMIN.email, ADMIN.password)).statusCode).toBe(401);
    expect((await signIn(ADMIN.email, 'a brand new password')).statusCode).toBe(200);
  });

  it('refuses a cross-site request and an API token', async () => {
    const crossSite = await admin.request({
      method: 'POST', url: '/api/me/password', headers: { origin: 'https://evil.example' },
      payload: { currentPassword: ADMIN.password, newPassword: 'a brand new password' },
    });
    expect(crossSite.statusCode).toBe(403);
    const token = (await admin.request({ method: 'POST', url: '/api/tokens', payload: { name: 'script' } })).json<CreatedApiToken>().token;
    const byToken = await t.app.inject({
      method: 'POST', url: '/api/me/password', headers: { authorization: `Bearer ${token}` },
      payload: { currentPassword: ADMIN.password, newPassword: 'a brand new password' },
    });
    expect(byToken.statusCode).toBe(403);
    expect((await signIn(ADMIN.email, ADMIN.password)).statusCode).toBe(200);
  });

  it('is rate-limited like sign-in', async () => {
    const limited = await createTestApp({ ANDON_AUTH_RATE_LIMIT: '3' });
    try {
      const ada = await setUpAdmin(limited.app);
      const attempt = () => ada.request({ method: 'POST', url: '/api/me/password', payload: { currentPassword: 'a guess at it', newPassword: 'a brand new password' } });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(400);
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json<ErrorBody>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('changes your own name', async () => {
    const renamed = await admin.request({ method: 'PATCH', url: '/api/me', payload: { name: '  Ada L.  ' } });
    expect(renamed.json()).toMatchObject({ name: 'Ada L.' });
    expect((await me(admin)).json()).toMatchObject({ user: { name: 'Ada L.' } });
    expect((await admin.request({ method: 'PATCH', url: '/api/me', payload: { name: '' } })).statusCode).toBe(400);
  });
});

describe('password-reset links', { timeout: 120_000 }, () => {
  async function resetLinkFor(id: string): Promise<{ code: string; link: PasswordResetLink }> {
    const answer = await admin.request({ method: 'POST', url: `/api/members/${id}/password-reset` });
    expect(answer.statusCode).toBe(201);
    const link = answer.json<PasswordResetLink>();
    return { code: new URL(link.link).pathname.split('/').pop()!, link };
  }
  const useReset = (code: string, password: string) =>
    t.app.inject({ method: 'POST', url: `/api/password-resets/${code}`, headers: { origin: ORIGIN }, payload: { password } });

  it('works once, sets the new password and ends every session the person had', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    const { code, link } = await resetLinkFor(bo.id);
    expect(link.link).toBe(`${ORIGIN}/reset/${code}`);
    const info = await t.app.inject({ method: 'GET', url: `/api/password-resets/${code}` });
    expect(info.json()).toMatchObject({ name: 'Bo', email: 'bo@example.com' });

    expect((await useReset(code, 'short')).statusCode).toBe(400);
    expect((await useReset(code, 'Bo picked a new password')).statusCode).toBe(204);
    expect((await me(bo.caller)).statusCode).toBe(401);
    expect((await signIn('bo@example.com', 'Bo has a long password')).statusCode).toBe(401);
    expect((await signIn('bo@example.com', 'Bo picked a new password')).statusCode).toBe(200);

    const again = await useReset(code, 'someone else tries this');
    expect(again.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/password-resets/${code}` })).statusCode).toBe(404);
    expect((await signIn('bo@example.com', 'someone else tries this')).statusCode).toBe(401);
  });

  it('expires', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    const { code } = await resetLinkFor(bo.id);
    t.clock.advance(PASSWORD_RESET_HOURS * 3_600_000 + 1_000);
    expect((await useReset(code, 'Bo picked a new password')).statusCode).toBe(404);
    expect((await signIn('bo@example.com', 'Bo has a long password')).statusCode).toBe(200);
  });

  it('only the newest link works, only admins make them, and the code is stored hashed', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    expect((await bo.caller.request({ method: 'POST', url: `/api/members/${bo.id}/password-reset` })).statusCode).toBe(403);
    const older = await resetLinkFor(bo.id);
    const newer = await resetLinkFor(bo.id);
    expect(await findOpenPasswordReset(t.db, hashSecret(newer.code), t.clock.now())).toMatchObject({ userId: bo.id });
    expect(await findOpenPasswordReset(t.db, newer.code, t.clock.now())).toBeUndefined();
    expect((await useReset(older.code, 'Bo picked a new password')).statusCode).toBe(404);
    expect((await useReset(newer.code, 'Bo picked a new password')).statusCode).toBe(204);
  });

  it('is refused for a deactivated person', async () => {
    const bo = await inviteMember(t, admin, 'Bo');
    const { code } = await resetLinkFor(bo.id);
    await patchMember(admin, bo.id, { active: false });
    expect((await useReset(code, 'Bo picked a new password')).statusCode).toBe(404);
    const refused = await admin.request({ method: 'POST', url: `/api/members/${bo.id}/password-reset` });
    expect(refused.statusCode).toBe(409);
  });
});
