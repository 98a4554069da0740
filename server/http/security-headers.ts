import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * Helmet's security headers on every answer, with a Content-Security-Policy that allows only Andon's
 * own scripts, styles and connections (plus the hashes of the API docs page's inline code, hence the
 * dependency on @fastify/swagger-ui). Nobody may frame Andon: a framed pull page would let another
 * site trick people into pulling Stop.
 */
export const securityHeaders = fp<{ publicUrl: URL | null }>(async (app, { publicUrl }) => {
  const https = publicUrl?.protocol === 'https:';
  // Helmet itself, built once: @fastify/helmet builds it anew (and parses the policy again) on every
  // request, which cost 4% of a pull.
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...app.swaggerCSP.script],
        styleSrc: ["'self'", ...app.swaggerCSP.style],
        imgSrc: ["'self'", 'data:'],
        // The web app asks whether sound may play with a silent clip written inline.
        mediaSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http (a LAN install), upgrading would send every asset request to an https port that is not there.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  });
  app.addHook('onRequest', (request, reply, done) => setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
}, { name: 'security-headers', dependencies: ['@fastify/swagger-ui'] });
