import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, User } from '../../shared/accounts.ts';
import { ErrorBody } from '../../shared/errors.ts';
import {
  ChangePasswordBody, Member, MemberList, PasswordResetInfo, PasswordResetLink, PasswordResetParams, PendingInviteList,
  UpdateMeBody, UpdateMemberBody, UsePasswordResetBody,
} from '../../shared/people.ts';
import { onlyAdmins, onlyPeople, principalOf } from '../accounts/auth-plugin.ts';
import { presentUser } from '../accounts/presenter.ts';
import { appOrigin } from '../http/origin.ts';
import { presentMember, presentPendingInvite } from './presenter.ts';
import type { PeopleService } from './service.ts';

export interface PeopleRouteOptions {
  people: PeopleService;
  publicUrl: URL | null;
  authRateLimitPerMinute: number;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const iso = (ms: number) => new Date(ms).toISOString();
// Per-address limit on everything that checks a password or a code, against guessing (as sign-in).
const rateLimited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

/** Members, pending invites and reset links (admins), and the caller's own account: inside the authenticated context. */
export async function peopleRoutes(fastify: FastifyInstance, opts: PeopleRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { people, publicUrl } = opts;

  app.get('/api/members', { onRequest: onlyAdmins, schema: { tags: ['people'], summary: 'Everyone with an account: role, last sign-in, deactivated or not', response: { 200: MemberList, ...errors } } },
    async () => ({ items: (await people.listMembers()).map(presentMember) }));

  app.patch('/api/members/:id', {
    onRequest: onlyAdmins,
    schema: {
      tags: ['people'],
      summary: 'Change a role, deactivate (sessions, their API tokens and live connections end at once) or reactivate; 409 would leave no admin',
      params: IdParams, body: UpdateMemberBody, response: { 200: Member, ...errors },
    },
  }, async (request) => presentMember(await people.updateMember(request.params.id, request.body)));

  app.post('/api/members/:id/password-reset', {
    onRequest: onlyAdmins,
    schema: { tags: ['people'], summary: 'Make a one-time password-reset link for someone; shown only in this answer', params: IdParams, response: { 201: PasswordResetLink, ...errors } },
  }, async (request, reply) => {
    const { code, expiresAt } = await people.createPasswordReset(principalOf(request), request.params.id);
    return reply.status(201).send({ link: `${appOrigin(request, publicUrl)}/reset/${code}`, expiresAt: iso(expiresAt) });
  });

  app.get('/api/invites', { onRequest: onlyAdmins, schema: { tags: ['people'], summary: 'Invites nobody has accepted yet and that have not expired', response: { 200: PendingInviteList, ...errors } } },
    async () => ({ items: (await people.listPendingInvites()).map(presentPendingInvite) }));

  app.delete('/api/invites/:id', {
    onRequest: onlyAdmins,
    schema: { tags: ['people'], summary: 'Revoke a pending invite: its link stops working', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await people.revokeInvite(request.params.id);
    return reply.status(204).send(null);
  });

  app.patch('/api/me', {
    onRequest: onlyPeople,
    schema: { tags: ['people'], summary: 'Change your own name', body: UpdateMeBody, response: { 200: User, ...errors } },
  }, async (request) => presentUser(await people.rename(principalOf(request), request.body.name)));

  app.post('/api/me/password', {
    onRequest: onlyPeople,
    config: rateLimited(opts.authRateLimitPerMinute),
    schema: { tags: ['people'], summary: 'Change your password (the current one is required); your other sessions end', body: ChangePasswordBody, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await people.changePassword(principalOf(request), request.body);
    return reply.status(204).send(null);
  });
}

/** Using a reset link: public routes, for someone who cannot sign in. */
export async function passwordResetRoutes(fastify: FastifyInstance, opts: PeopleRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { people } = opts;
  const config = rateLimited(opts.authRateLimitPerMinute);

  app.get('/api/password-resets/:code', {
    config,
    schema: { tags: ['people'], summary: 'Look at an open password-reset link', params: PasswordResetParams, response: { 200: PasswordResetInfo, ...errors } },
  }, async (request) => {
    const reset = await people.findPasswordReset(request.params.code);
    return { name: reset.name, email: reset.email, expiresAt: iso(reset.expiresAt) };
  });

  app.post('/api/password-resets/:code', {
    config,
    schema: { tags: ['people'], summary: 'Set a new password with a reset link (once); every session of that person ends', params: PasswordResetParams, body: UsePasswordResetBody, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await people.usePasswordReset(request.params.code, request.body.password);
    return reply.status(204).send(null);
  });
}
