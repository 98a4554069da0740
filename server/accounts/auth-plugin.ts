import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { comesFromAppOrigin } from '../http/origin.ts';
import type { Principal } from './principal.ts';
import type { AccountService } from './service.ts';

export const SESSION_COOKIE = 'andon_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /**
     * The guard: add it as the `onRequest` hook of the context whose routes need a session or an
     * API token. Sets `request.principal`, or answers 401.
     */
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** For the context of public routes that change something (sign-in, set-up): no principal, but no cross-site cookie writes. */
    refuseCrossSiteWrites: (request: FastifyRequest) => Promise<void>;
  }
}

export interface AuthOptions {
  accounts: AccountService;
  publicUrl: URL | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('Authorization must be "Bearer <token>"');
  return match[1];
}

/**
 * Decorates the app with the two `onRequest` hooks above; which routes they guard is decided by the
 * context each is added to (see app.ts), never by the URL. Wrapped with fastify-plugin so the
 * decorators reach every context.
 */
export const auth = fp<AuthOptions>(async (app, { accounts, publicUrl }) => {
  // Cookies ride along on cross-site requests; an API token does not, so only cookie writes need the check.
  function refuseForeignCookieWrite(request: FastifyRequest, bearer: string | undefined): void {
    if (SAFE_METHODS.has(request.method) || bearer) return;
    const ambient = request.cookies[SESSION_COOKIE] !== undefined || request.headers.origin !== undefined;
    if (ambient && !comesFromAppOrigin(request, publicUrl)) {
      throw new ForbiddenError('origin_refused', 'This request must come from Andon\'s own pages (Origin mismatch)');
    }
  }

  app.decorateRequest('principal', null);

  app.decorate('refuseCrossSiteWrites', async (request: FastifyRequest) => {
    refuseForeignCookieWrite(request, bearerOf(request));
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const bearer = bearerOf(request);
    const principal = await accounts.authenticate(bearer ? undefined : request.cookies[SESSION_COOKIE], bearer);
    if (bearer && !principal) throw new UnauthorizedError('This API token is unknown or revoked');
    refuseForeignCookieWrite(request, bearer);
    if (!principal) throw new UnauthorizedError();
    request.principal = principal;
  });
}, { name: 'auth', dependencies: ['@fastify/cookie'] });

/** For handlers inside the authenticated context, where `authenticate` has already set the principal. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}

/** Route-level `onRequest` hook, inside the authenticated context: API tokens may not call this route. */
export async function onlyPeople(request: FastifyRequest): Promise<void> {
  if (principalOf(request).kind !== 'user') throw new ForbiddenError('user_only', 'Only a signed-in person can do this');
}

/** Route-level `onRequest` hook, inside the authenticated context: only an admin may call this route. */
export async function onlyAdmins(request: FastifyRequest): Promise<void> {
  const principal = principalOf(request);
  if (principal.kind !== 'user' || principal.role !== 'admin') throw new ForbiddenError('admin_only', 'Only an admin can do this');
}
