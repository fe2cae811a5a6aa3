import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on the few POST routes that change nothing (`/search`, `/whois`, `/lang`). */
    csrf?: boolean;
  }
}

function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  return origin !== undefined && origin === `${request.protocol}://${request.host}`;
}

/**
 * CSRF protection (SPEC §4, §5): every state-changing form carries a `_csrf`
 * token (double-submit: its secret lives in the `_csrf` cookie).
 * Cookie-authenticated JSON writes pass when the browser says the request is
 * same-origin (`Sec-Fetch-Site`, else `Origin`), or with an `X-CSRF-Token`
 * header. Runs in preValidation: the form body is parsed by then (STACK.md gotcha 4).
 */
export const csrf = fp(
  async (
    app: FastifyInstance,
    options: { hasSessionCookie: (request: FastifyRequest) => boolean },
  ) => {
    await app.register(csrfProtection, {
      sessionPlugin: '@fastify/cookie',
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true },
      getToken: (request) =>
        (request.body as { _csrf?: string } | undefined)?._csrf ??
        (request.headers['x-csrf-token'] as string | undefined),
    });

    const needsCheck = (request: FastifyRequest) => {
      const unrouted = request.routeOptions.url === undefined; // 404 / 405 answers change nothing
      if (
        unrouted ||
        SAFE_METHODS.has(request.method) ||
        request.routeOptions.config.csrf === false
      )
        return false;
      const api = request.url.startsWith('/api/');
      return !(api && (!options.hasSessionCookie(request) || isSameOrigin(request)));
    };
    const isMultipart = (request: FastifyRequest) =>
      request.headers['content-type']?.startsWith('multipart/form-data') ?? false;

    // A failed check sends the plugin's 403 error through the app's error handler.
    app.addHook('preValidation', (request, reply, done) => {
      if (!needsCheck(request) || isMultipart(request)) return done();
      app.csrfProtection(request, reply, done);
    });
    // Multipart forms are read by a preValidation hook of the route's own plugin: check them just after.
    app.addHook('preHandler', (request, reply, done) => {
      if (!needsCheck(request) || !isMultipart(request)) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'csrf', dependencies: ['cookie-policy'] },
);
