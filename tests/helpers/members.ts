import type { FastifyInstance } from 'fastify';
import type { Invite, User } from '../../shared/accounts.ts';
import { ORIGIN, asBrowser, sessionCookieOf, type Caller } from './app.ts';

/** Invites a member as the admin and answers them signed in, with their user id. */
export async function inviteMember(app: FastifyInstance, admin: Caller, name: string): Promise<Caller & { id: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
  const invite = await admin.request({ method: 'POST', url: '/api/invites', payload: { email } });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const accept = await app.inject({
    method: 'POST', url: `/api/invites/${invite.json<Invite>().code}/accept`, headers: { origin: ORIGIN },
    payload: { name, password: 'a long enough password' },
  });
  if (accept.statusCode !== 201) throw new Error(`accept failed: ${accept.statusCode} ${accept.body}`);
  return { ...asBrowser(app, sessionCookieOf(accept)), id: accept.json<User>().id };
}

/** The signed-in caller's user id. */
export async function idOf(caller: Caller): Promise<string> {
  return (await caller.request({ method: 'GET', url: '/api/me' })).json<{ user: User }>().user.id;
}
