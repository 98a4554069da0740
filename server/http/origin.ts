import type { FastifyRequest } from 'fastify';

/** The origin this app is served from: PUBLIC_URL when set, else the request's own host. */
export function appOrigin(request: FastifyRequest, publicUrl: URL | null): string {
  if (publicUrl) return publicUrl.origin;
  return `${request.protocol}://${request.host}`;
}

/** True when the request says it comes from the app's own origin. */
export function comesFromAppOrigin(request: FastifyRequest, publicUrl: URL | null): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  return origin === appOrigin(request, publicUrl);
}
