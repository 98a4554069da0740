import type { Invite, User } from '../../shared/accounts.ts';
import { asBrowser, ORIGIN, sessionCookieOf, type Caller, type TestApp } from './app.ts';

export interface Member {
  caller: Caller;
  id: string;
  name: string;
}

/** Invites a member through the API as the admin, and answers them signed in with their user id. */
export async function inviteMember(t: Pick<TestApp, 'app'>, admin: Caller, name: string): Promise<Member> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  const { code } = (await admin.request({ method: 'POST', url: '/api/invites', payload: { email } })).json<Invite>();
  const accepted = await t.app.inject({
    method: 'POST', url: `/api/invites/${code}/accept`, headers: { origin: ORIGIN }, payload: { name, password: `${name} has a long password` },
  });
  if (accepted.statusCode >= 300) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  const caller = asBrowser(t.app, sessionCookieOf(accepted));
  return { caller, id: await idOf(caller), name };
}

export async function idOf(caller: Caller): Promise<string> {
  return (await caller.request({ method: 'GET', url: '/api/me' })).json<{ user: User }>().user.id;
}
