import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptInviteBody, ApiTokenList, CreatedApiToken, CreateInviteBody, CreateTokenBody, IdParams, Invite, InviteInfo,
  InviteParams, Me, SetupBody, SetupStatus, SignInBody, User,
} from '../../shared/accounts.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { principalOf, SESSION_COOKIE } from './auth-plugin.ts';
import { presentApiToken, presentMe, presentUser } from './presenter.ts';
import type { AccountService, SignedIn } from './service.ts';

export interface AccountRouteOptions {
  accounts: AccountService;
  publicUrl: URL | null;
  authRateLimitPerMinute: number;
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export async function accountRoutes(fastify: FastifyInstance, opts: AccountRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, publicUrl } = opts;
  // Per-address limit on everything that checks a password or a code, against guessing.
  const guarded = { access: 'public' as const, rateLimit: { max: opts.authRateLimitPerMinute, timeWindow: '1 minute' } };

  function startSession(reply: FastifyReply, signedIn: SignedIn): void {
    reply.setCookie(SESSION_COOKIE, signedIn.sessionSecret, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: publicUrl?.protocol === 'https:', expires: new Date(signedIn.expiresAt),
    });
  }

  function inviteLink(request: FastifyRequest, code: string): string {
    const base = publicUrl?.origin ?? `${request.protocol}://${request.host}`;
    return `${base}/invite/${code}`;
  }

  app.get('/api/setup', { config: { access: 'public' }, schema: { tags: ['accounts'], summary: 'Whether first set-up is still needed', response: { 200: SetupStatus } } },
    async () => ({ needed: await accounts.setupNeeded() }));

  app.post('/api/setup', {
    config: guarded,
    schema: { tags: ['accounts'], summary: 'Create the first admin and the area "General"', body: SetupBody, response: { 201: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.setup(request.body);
    startSession(reply, signedIn);
    return reply.status(201).send(presentUser(signedIn.user));
  });

  app.get('/api/me', { schema: { tags: ['accounts'], summary: 'Who the caller is: a user or an API token', response: { 200: Me, 401: ErrorBody } } },
    async (request) => presentMe(principalOf(request)));

  app.post('/api/session', {
    config: guarded,
    schema: { tags: ['accounts'], summary: 'Sign in', body: SignInBody, response: { 200: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.signIn(request.body);
    startSession(reply, signedIn);
    return presentUser(signedIn.user);
  });

  app.delete('/api/session', { config: { access: 'user' }, schema: { tags: ['accounts'], summary: 'Sign out (revokes this session)', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await accounts.signOut(principalOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

  app.post('/api/invites', {
    config: { access: 'admin' },
    schema: { tags: ['accounts'], summary: 'Invite a person: answers a single-use link that expires', body: CreateInviteBody, response: { 201: Invite, ...errors } },
  }, async (request, reply) => {
    const { code, row } = await accounts.createInvite(principalOf(request), request.body);
    return reply.status(201).send({ code, link: inviteLink(request, code), email: row.email, role: row.role, expiresAt: new Date(row.expiresAt).toISOString() });
  });

  app.get('/api/invites/:code', {
    config: guarded,
    schema: { tags: ['accounts'], summary: 'Look at an open invite', params: InviteParams, response: { 200: InviteInfo, ...errors } },
  }, async (request) => {
    const invite = await accounts.findInvite(request.params.code);
    return { email: invite.email, role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() };
  });

  app.post('/api/invites/:code/accept', {
    config: guarded,
    schema: { tags: ['accounts'], summary: 'Accept an invite: pick a name and password', params: InviteParams, body: AcceptInviteBody, response: { 201: User, ...errors } },
  }, async (request, reply) => {
    const signedIn = await accounts.acceptInvite(request.params.code, request.body);
    startSession(reply, signedIn);
    return reply.status(201).send(presentUser(signedIn.user));
  });

  app.get('/api/tokens', { config: { access: 'admin' }, schema: { tags: ['tokens'], summary: 'API tokens in use', response: { 200: ApiTokenList, ...errors } } },
    async () => ({ items: (await accounts.listApiTokens()).map(presentApiToken) }));

  app.post('/api/tokens', {
    config: { access: 'admin' },
    schema: { tags: ['tokens'], summary: 'Create an API token for a machine; the token is shown only in this answer', body: CreateTokenBody, response: { 201: CreatedApiToken, ...errors } },
  }, async (request, reply) => {
    const { token, row } = await accounts.createApiToken(principalOf(request), request.body.name);
    return reply.status(201).send({ ...presentApiToken(row), token });
  });

  app.delete('/api/tokens/:id', {
    config: { access: 'admin' },
    schema: { tags: ['tokens'], summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await accounts.revokeApiToken(request.params.id);
    return reply.status(204).send(null);
  });
}
