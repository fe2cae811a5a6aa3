import { hkdfSync } from 'node:crypto';
import { Tokens } from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Translatable } from '../shared/domain-error.js';
import { HttpError } from '../shared/http-error.js';
import { isApiRequest } from '../shared/negotiation.js';
import { COOKIES } from './consent/cookie-registry.js';
import { isSecureContext } from './cookie-policy.js';
import { platformTexts } from './platform-texts.js';
import type { Session } from './sessions/session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on the few POST routes that change nothing (`/search`, `/whois`, `/lang`). */
    csrf?: boolean;
  }
  interface FastifyReply {
    /** A CSRF token for this response's forms, bound to `session` (the visitor's, or null). */
    csrfToken(session: Session | null): string;
  }
  interface FastifyRequest {
    /**
     * Checks a token read from a multipart body as it streams in, before the
     * rest is read; throws the 403 when it is not valid for this visitor.
     */
    verifyCsrfToken(token: string): Promise<void>;
  }
}

/** `_csrf`, or `__Host-csrf` (which requires Secure and no Domain) over HTTPS or in production. */
function csrfCookieName(secure: boolean): string {
  const [plain, hostOnly] = COOKIES.csrf.names;
  return secure ? hostOnly : plain;
}

/**
 * What a token is bound to (docs/decisions/004): the signed-in session, which
 * a new sign-in replaces; every visitor who is not signed in shares one
 * binding, so a cart session created mid-visit keeps the page's tokens valid.
 */
function csrfBindingOf(session: Session | null): string {
  const user = session?.user;
  return user ? `user:${user.id}:${session?.state.authenticatedAt ?? ''}` : 'anonymous';
}

/** Answered as 403 by the error handler, like the tokens of the Fastify CSRF plugin. */
class InvalidCsrfToken extends Error {
  readonly code = 'FST_CSRF_INVALID_TOKEN';
  readonly statusCode = 403;
  constructor() {
    super('Invalid csrf token');
  }
}

/**
 * The same refusal (code `http.csrf`) said to an API client: no page to
 * reload, but a header to send.
 */
const API_CLIENT_REFUSAL: Translatable = {
  code: platformTexts.csrf.code,
  text: (lang) => platformTexts.csrfApi.text(lang),
};

function refusal(request: FastifyRequest): Error {
  return isApiRequest(request)
    ? new HttpError(403, { detail: API_CLIENT_REFUSAL })
    : new InvalidCsrfToken();
}

function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  return origin !== undefined && origin === `${request.protocol}://${request.host}`;
}

function submittedToken(request: FastifyRequest): string | undefined {
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  if (typeof field === 'string') return field;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * CSRF protection (docs/decisions/004): every state-changing form carries a
 * `_csrf` token. The token is an HMAC, under a key derived from SECRET_KEY,
 * of a random secret kept in the CSRF cookie and of the session it was issued
 * for: a cookie tossed into a victim's browser, with the attacker's token, does
 * not match the victim's session. Cookie-authenticated JSON writes pass when
 * the browser says the request is same-origin (`Sec-Fetch-Site`, else
 * `Origin`), or with an `X-CSRF-Token` header. Checked in preValidation: the
 * form body is parsed by then.
 */
/** Why a form's token is refused (for the logs), or `undefined` when it is valid. */
function failedCheck(
  secret: string | undefined,
  token: string | undefined,
  valid: (secret: string, token: string) => boolean,
): string | undefined {
  if (!secret) return 'no CSRF cookie';
  if (!token) return 'no token';
  return valid(secret, token) ? undefined : 'token of another page or session';
}

export const csrf = fp(
  async (
    app: FastifyInstance,
    options: {
      production: boolean;
      secretKeys: readonly string[];
      hasSessionCookie: (request: FastifyRequest) => boolean;
    },
  ) => {
    // One token maker per key: the first issues, every key verifies (rotation keeps open forms valid).
    const makers = options.secretKeys.map(
      (key) =>
        new Tokens({
          userInfo: true,
          hmacKey: Buffer.from(hkdfSync('sha256', key, 'monster-shop', 'csrf-token', 32)),
        }),
    );
    const [issuer] = makers;
    if (!issuer) throw new Error('CSRF protection needs at least one secret key');
    const cookieName = (request: FastifyRequest) =>
      csrfCookieName(isSecureContext(request, options.production));
    // A secret set on this response: later tokens of the same page must use it too.
    const issuedSecrets = new WeakMap<FastifyRequest, string>();

    app.decorateReply('csrfToken', function (this: FastifyReply, session: Session | null) {
      const { request } = this;
      let secret = issuedSecrets.get(request) ?? request.cookies[cookieName(request)];
      if (!secret) {
        secret = issuer.secretSync();
        issuedSecrets.set(request, secret);
        this.setCookie(cookieName(request), secret, request.cookieOptions());
      }
      return issuer.create(secret, csrfBindingOf(session));
    });

    const needsCheck = (request: FastifyRequest) => {
      const unrouted = request.routeOptions.url === undefined; // 404 / 405 answers change nothing
      if (
        unrouted ||
        SAFE_METHODS.has(request.method) ||
        request.routeOptions.config.csrf === false
      )
        return false;
      const api = isApiRequest(request);
      return !(api && (!options.hasSessionCookie(request) || isSameOrigin(request)));
    };
    const isMultipart = (request: FastifyRequest) =>
      request.headers['content-type']?.startsWith('multipart/form-data') ?? false;

    const verify = async (request: FastifyRequest, token = submittedToken(request)) => {
      const secret = request.cookies[cookieName(request)];
      const binding = secret && token ? csrfBindingOf(await request.existingSession()) : '';
      const valid = (cookie: string, sent: string) =>
        makers.some((maker) => maker.verify(cookie, sent, binding));
      const reason = failedCheck(secret, token, valid);
      if (reason) {
        // Info, not a warning: an expired page (a second tab, a form from before signing in) does it.
        const path = request.url.split('?', 1)[0];
        request.log.info({ method: request.method, path, reason }, 'missing or invalid CSRF token');
        throw refusal(request);
      }
    };

    app.decorateRequest('verifyCsrfToken', function (this: FastifyRequest, token: string) {
      return verify(this, token);
    });

    // Callback style: most requests (every GET) need no check, and an async
    // hook would cost them a promise each (docs/decisions/012-performance-tricks.md).
    app.addHook('preValidation', (request, _reply, done) => {
      if (!needsCheck(request) || isMultipart(request)) return done();
      verify(request).then(() => done(), done);
    });
    // Multipart forms are read by a preValidation hook of the route's own plugin: check them just
    // after (a route may check the token earlier, as it streams in: verifyCsrfToken).
    app.addHook('preHandler', (request, _reply, done) => {
      if (!needsCheck(request) || !isMultipart(request)) return done();
      verify(request).then(() => done(), done);
    });
  },
  { name: 'csrf', dependencies: ['cookie-policy', 'sessions'] },
);
