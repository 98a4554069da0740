import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptInviteBody, ApiTokenList, CreatedApiToken, CreateInviteBody, CreateTokenBody, IdParams, Invite, InviteInfo,
  InviteParams, Me, SetupBody, SetupStatus, SignInBody, User,
} from '../../shared/accounts.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { appOrigin } from '../http/origin.ts';
import { onlyAdmins, onlyPeople, principalOf, SESSION_COOKIE } from './auth-plugin.ts';
import { presentApiToken, presentMe, presentUser } from './presenter.ts';
import type { AccountService, SignedIn } from './service.ts';

export interface AccountRouteOptions {
  accounts: AccountService;
  publicUrl: URL | null;
}

export interface SignInRouteOptions extends AccountRouteOptions {
  authRateLimitPerMinute: number;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

function startSession(reply: FastifyReply, signedIn: SignedIn, publicUrl: URL | null): void {
  reply.setCookie(SESSION_COOKIE, signedIn.sessionSecret, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: publicUrl?.protocol === 'https:', expires: new Date(signedIn.expiresAt),
  });
}

/** Set-up, sign-in and invite acceptance: public routes, for people who have no session yet. */
export async function signInRoutes(fastify: FastifyInstance, opts: SignInRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, publicUrl } = opts;
  // Per-address limit on everything that checks a password or a code, against guessing.
  const rateLimited = { rateLimit: { max: opts.authRateLimitPerMinute, timeWindow: '1 minute' } };

  app.get('/api/setup', { schema: { tags: ['accounts'], summary: 'Whether first set-up is still needed', response: { 200: SetupStatus } } },
    async () => ({ needed: await accounts.setupNeeded() }));

  app.post('/api/setup', {
    config: rateLimited,
    schema: { tags: ['accounts'], summary: 'Create the first admin and the area "General"', body: SetupBody, response: { 201: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.setup(request.body);
    startSession(reply, signedIn, publicUrl);
    return reply.status(201).send(presentUser(signedIn.user));
  });

  app.post('/api/session', {
    config: rateLimited,
    schema: { tags: ['accounts'], summary: 'Sign in', body: SignInBody, response: { 200: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.signIn(request.body);
    startSession(reply, signedIn, publicUrl);
    return presentUser(signedIn.user);
  });

  app.get('/api/invites/:code', {
    config: rateLimited,
    schema: { tags: ['accounts'], summary: 'Look at an open invite', params: InviteParams, response: { 200: InviteInfo, ...errors } },
  }, async (request) => {
    const invite = await accounts.findInvite(request.params.code);
    return { email: invite.email, role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() };
  });

  app.post('/api/invites/:code/accept', {
    config: rateLimited,
    schema: { tags: ['accounts'], summary: 'Accept an invite: pick a name and password', params: InviteParams, body: AcceptInviteBody, response: { 201: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.acceptInvite(request.params.code, request.body);
    startSession(reply, signedIn, publicUrl);
    return reply.status(201).send(presentUser(signedIn.user));
  });
}

/** The caller's own account, invites and API tokens: registered inside the authenticated context. */
export async function accountRoutes(fastify: FastifyInstance, opts: AccountRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, publicUrl } = opts;

  app.get('/api/me', { schema: { tags: ['accounts'], summary: 'Who the caller is: a user or an API token', response: { 200: Me, 401: ErrorBody } } },
    async (request) => presentMe(principalOf(request)));

  app.delete('/api/session', { onRequest: onlyPeople, schema: { tags: ['accounts'], summary: 'Sign out (revokes this session)', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await accounts.signOut(principalOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

  app.post('/api/invites', {
    onRequest: onlyAdmins,
    schema: { tags: ['accounts'], summary: 'Invite a person: answers a single-use link that expires', body: CreateInviteBody, response: { 201: Invite, ...errors } },
  }, async (request, reply) => {
    const { code, row } = await accounts.createInvite(principalOf(request), request.body);
    return reply.status(201).send({ code, link: `${appOrigin(request, publicUrl)}/invite/${code}`, email: row.email, role: row.role, expiresAt: new Date(row.expiresAt).toISOString() });
  });

  app.get('/api/tokens', { onRequest: onlyAdmins, schema: { tags: ['tokens'], summary: 'API tokens in use', response: { 200: ApiTokenList, ...errors } } },
    async () => ({ items: (await accounts.listApiTokens()).map(presentApiToken) }));

  app.post('/api/tokens', {
    onRequest: onlyAdmins,
    schema: { tags: ['tokens'], summary: 'Create an API token for a machine; the token is shown only in this answer', body: CreateTokenBody, response: { 201: CreatedApiToken, ...errors } },
  }, async (request, reply) => {
    const { token, row } = await accounts.createApiToken(principalOf(request), request.body.name);
    return reply.status(201).send({ ...presentApiToken(row), token });
  });

  app.delete('/api/tokens/:id', {
    onRequest: onlyAdmins,
    schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await accounts.revokeApiToken(request.params.id);
    return reply.status(204).send(null);
  });
}
