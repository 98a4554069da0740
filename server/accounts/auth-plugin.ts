import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { comesFromAppOrigin } from '../http/origin.ts';
import type { Principal } from './principal.ts';
import type { AccountService } from './service.ts';

export const SESSION_COOKIE = 'andon_session';

/** Who may call a route: set as `config: { access }`; routes default to `any` signed-in caller. */
export type Access = 'public' | 'any' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthorizedError('Authorization must be "Bearer <token>"');
  return match[1];
}

/** One guard for every /api route: authenticate, refuse cross-origin cookie writes, check access. */
export function registerAuth(app: FastifyInstance, accounts: AccountService, publicUrl: URL | null): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api')) return;
    const access = request.is404 || request.url.startsWith('/api/docs') ? 'public' : (request.routeOptions.config?.access ?? 'any');
    const bearer = bearerOf(request);
    const sessionSecret = bearer ? undefined : request.cookies[SESSION_COOKIE];
    request.principal = await accounts.authenticate(sessionSecret, bearer);
    if (bearer && !request.principal) throw new UnauthorizedError('This API token is unknown or revoked');

    // Cookies ride along on cross-site requests; an API token does not, so only cookie writes need the check.
    if (!SAFE_METHODS.has(request.method) && !bearer) {
      const hasOrigin = request.headers.origin !== undefined;
      if ((sessionSecret || hasOrigin) && !comesFromAppOrigin(request, publicUrl)) {
        throw new ForbiddenError('origin_refused', 'This request must come from Andon\'s own pages (Origin mismatch)');
      }
    }

    if (access === 'public') return;
    if (!request.principal) throw new UnauthorizedError();
    if (access === 'user' && request.principal.kind !== 'user') throw new ForbiddenError('user_only', 'Only a signed-in person can do this');
    if (access === 'admin' && (request.principal.kind !== 'user' || request.principal.role !== 'admin')) {
      throw new ForbiddenError('admin_only', 'Only an admin can do this');
    }
  });
}

/** For handlers behind a non-public route, where the guard has already ensured a principal. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}
