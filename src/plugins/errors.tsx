import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '../db/connection.js';
import type { Lang } from '../i18n/i18n.js';
import {
  DomainError,
  type ErrorKind,
  fieldTexts,
  type Translatable,
} from '../shared/domain-error.js';
import { HttpError } from '../shared/http-error.js';
import { isApiRequest, varyOnAccept, wantsHtml } from '../shared/negotiation.js';
import { isPrintableAscii, safeNextPath } from '../shared/safe-redirect.js';
import { ErrorPage } from '../views/error-page.js';
import { ShopRestarting } from './closing.js';
import { databaseFailureFields, noteDatabaseUnavailable } from './database-outage.js';
import { noteErrorAnswer } from './error-answers.js';
import { fieldIssuesOf } from './field-issues.js';
import { frameworkText, platformTexts, statusText } from './platform-texts.js';
import { type RefusalTarget, refusalTargetOf } from './refusal-target.js';
import { SessionTooLargeError } from './sessions/session.js';

const RETRY_AFTER_SECONDS = 5;
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The one table from what a service says went wrong to the HTTP status that says it. */
const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  invalid: 422,
  rate_limited: 429,
};

/** A failure before it is said in the visitor's language. */
interface Problem {
  readonly status: number;
  readonly code?: string | undefined;
  readonly detail?: Translatable | undefined;
  /** The detail is written for the visitor (a rule of the shop), not for a program. */
  readonly forPeople?: boolean;
  readonly fields?: Readonly<Record<string, Translatable>> | undefined;
  readonly headers?: Readonly<Record<string, string>>;
  readonly stack?: string | undefined;
}

function statusOf(error: DomainError): number {
  return STATUS_OF_KIND[error.kind];
}

/**
 * For a route that re-shows its own page after a refusal: the status that
 * says it (200 when nothing was refused), with the refusal's headers set
 * (`Retry-After` once throttled).
 */
export function refusalStatus(reply: FastifyReply, refused: DomainError | undefined): number {
  if (refused === undefined) return 200;
  reply.headers(problemOf(refused).headers ?? {});
  return statusOf(refused);
}

/** A domain error as the status, headers and texts of an answer. */
function problemOf(error: DomainError): Problem {
  const retryAfter = error.retryAfterSeconds;
  return {
    status: statusOf(error),
    code: error.code,
    detail: error,
    forPeople: true,
    fields: Object.keys(error.fields).length > 0 ? error.fields : undefined,
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}

/**
 * The one error path (docs/requirements.md §4 "Errors"): every failure becomes a branded HTML
 * page for browsers or an RFC 9457 problem for other clients. 5xx details are
 * logged with the request id, never sent (outside debug mode).
 */
export const errors = fp(
  async (app: FastifyInstance, options: { debug: boolean }) => {
    app.setErrorHandler((error: FastifyError | HttpError | DomainError, request, reply) => {
      noteErrorAnswer(request);
      const problem = toProblem(error, options.debug);
      logFailure(request, error, problem);
      return sendProblem(request, reply, problem);
    });

    // A path ending in `/` can match a route whose last parameter is then
    // empty (`/monsters/` is `/monsters/:id` without an id), or a second
    // spelling of a route: when the path without its slash is a route of its
    // own, that route is the canonical one, before any other hook runs.
    app.addHook('onRequest', (request, reply, done) => {
      const target = slashRedirect(app, request, 'remove');
      if (target === undefined) done();
      else reply.redirect(target, 308);
    });

    app.setNotFoundHandler((request, reply) => {
      const target = slashRedirect(app, request, 'toggle');
      if (target !== undefined) return reply.redirect(target, 308);
      const path = request.url.split('?', 1)[0] ?? '/';
      const allowed = ROUTE_METHODS.filter((method) => isRouted(app, method, path));
      if (
        allowed.length > 0 &&
        !allowed.includes(request.method as (typeof ROUTE_METHODS)[number])
      ) {
        return sendProblem(request, reply, { status: 405, headers: { Allow: allowed.join(', ') } });
      }
      return sendProblem(request, reply, { status: 404 });
    });
  },
  { name: 'errors', dependencies: ['views', 'security-headers'] },
);

/**
 * One line per failed request, with its real cause: a database outage (one
 * short warning, no stack: every request of an outage writes one), a
 * restart, overload, a client that went away (not a server error: anyone
 * could flood the error log by hanging up mid-upload), or a bug.
 */
function logFailure(
  request: FastifyRequest,
  error: FastifyError | HttpError | DomainError,
  problem: Problem,
): void {
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(request);
    request.log.warn(databaseFailureFields(error), 'database unavailable');
  } else if (problem.status < 500) {
    return;
  } else if (clientWentAway(request, error)) {
    request.log.info({ code: codeOf(error), reason: error.message }, 'client went away');
  } else if (error instanceof ShopRestarting) {
    request.log.info('restarting');
  } else if (problem.status === 503) {
    request.log.warn({ detail: problem.detail?.code }, 'overloaded');
  } else {
    request.log.error({ err: error }, 'request failed');
  }
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** How a request stream reports its client hanging up (Node, busboy, Fastify's body reader). */
const CLIENT_GONE_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
const CLIENT_GONE_MESSAGES =
  /^(request )?aborted$|premature close|unexpected end of (form|multipart)/i;

/** The failure is the client's connection ending under the request, not a fault of ours. */
function clientWentAway(request: FastifyRequest, error: Error): boolean {
  const socket = request.raw.socket as { destroyed?: boolean } | null;
  const gone =
    request.raw.aborted || request.raw.destroyed || socket === null || socket.destroyed === true;
  if (!gone) return false;
  const code = codeOf(error);
  return (
    (code !== undefined && CLIENT_GONE_CODES.has(code)) || CLIENT_GONE_MESSAGES.test(error.message)
  );
}

function isRouted(app: FastifyInstance, method: string, url: string): boolean {
  return app.findRoute({ method: method as 'GET', url }) !== null;
}

/** A route that is not a catch-all (`/static/*`): only those earn a trailing-slash redirect. */
function isExactRoute(app: FastifyInstance, method: string, url: string): boolean {
  const route = app.findRoute({ method: method as 'GET', url });
  return route !== null && !('*' in route.params);
}

/**
 * Where the other spelling of the request's path (`/monsters/` ↔
 * `/monsters`; `remove`: only without a trailing slash) is an exact route
 * for its method: that path, query kept. Never a protocol-relative `//host`
 * target, nor one holding bytes no Location header may carry.
 */
function slashRedirect(
  app: FastifyInstance,
  request: FastifyRequest,
  direction: 'remove' | 'toggle',
): string | undefined {
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  // An absolute-form target (`GET http://evil.example/`) is no path of this site.
  if (!path.startsWith('/')) return undefined;
  if (direction === 'remove' && !path.endsWith('/')) return undefined;
  const alternative = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
  if (alternative === '' || alternative.startsWith('//')) return undefined;
  if (!isExactRoute(app, request.method, alternative)) return undefined;
  const target = queryStart === -1 ? alternative : alternative + request.url.slice(queryStart);
  return isPrintableAscii(target) ? target : undefined;
}

function toProblem(error: FastifyError | HttpError | DomainError, debug: boolean): Problem {
  if (error instanceof DomainError) return problemOf(error);
  if (error instanceof HttpError) {
    return {
      status: error.status,
      detail: error.detail,
      fields: Object.keys(error.fields).length > 0 ? error.fields : undefined,
      headers: error.headers,
    };
  }
  if (error.validation) {
    return {
      status: 400,
      code: platformTexts.invalidFields.code,
      detail: platformTexts.invalidFields,
      fields: fieldIssuesOf(error.validation, error.validationContext),
    };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
  }
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      code: platformTexts.csrf.code,
      detail: platformTexts.csrf,
      forPeople: true,
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, detail: frameworkText(error.code, status) };
  return { status, stack: debug ? (error.stack ?? String(error)) : undefined };
}

/** Headers that describe the failure itself: a retry delay, rate limits, allowed methods, a closing connection. */
const ERROR_HEADERS = new Set(['allow', 'connection', 'retry-after', 'vary', 'www-authenticate']);
const RATE_LIMIT_HEADER = /^(x-)?ratelimit-/;

/** Where @fastify/cookie keeps the cookies set during a request until it writes them, in onSend. */
const PENDING_COOKIES = 'fastify.reply.setCookies';

/**
 * An error answer replaces whatever the failed handler had started: its
 * Location, cookies, caching or content headers must not reach the error
 * page (a header Node refused would make the error page fail too). The
 * security headers stay, re-applied in case the handler removed one.
 */
function discardHandlerHeaders(reply: FastifyReply): void {
  const { securityHeaders } = reply.server;
  for (const name of Object.keys(reply.getHeaders())) {
    const kept = name in securityHeaders || ERROR_HEADERS.has(name) || RATE_LIMIT_HEADER.test(name);
    if (!kept) reply.removeHeader(name);
  }
  for (const symbol of Object.getOwnPropertySymbols(reply)) {
    if (symbol.description !== PENDING_COOKIES) continue;
    const pending: unknown = Reflect.get(reply, symbol);
    if (pending instanceof Map) pending.clear();
  }
  reply.headers(securityHeaders);
}

async function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): Promise<FastifyReply> {
  discardHandlerHeaders(reply);
  reply.headers(problem.headers ?? {});
  varyOnAccept(reply);
  const lang = request.lang();
  const detail = problem.detail?.text(lang);
  const errors = problem.fields && fieldTexts(problem.fields, lang);
  // The JSON API answers problem+json whoever asks; pages answer browsers in HTML.
  if (wantsHtml(request) && !isApiRequest(request)) {
    try {
      if (await carryBack(request, reply, problem)) return reply;
    } catch (error) {
      // The session that would carry it cannot be read or saved: the database's 503 instead.
      const unavailable = toProblem(error as FastifyError, false);
      logFailure(request, error as FastifyError, unavailable);
      return sendProblem(request, reply, unavailable);
    }
    // A page says what people can act on: a rule of the shop in its own
    // words, otherwise the status's plain text (never field names or header names).
    const pageDetail = problem.forPeople && problem.fields === undefined ? detail : undefined;
    try {
      return await reply.page(
        (ctx) => (
          <ErrorPage
            ctx={ctx}
            status={problem.status}
            detail={pageDetail}
            sentForm={sentForm(request)}
            previousPage={previousPageOf(request)}
            requestId={request.id}
            stack={problem.stack}
          />
        ),
        problem.status,
      );
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
    }
  }
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: detail ?? defaultDetail(problem.status, lang),
      code:
        problem.code ?? problem.detail?.code ?? statusText(problem.status)?.code ?? 'http.error',
      ...(errors && { errors }),
      ...(problem.stack && { stack: problem.stack }),
      request_id: request.id,
    });
}

/**
 * A refusal on a page route that only accepts POST goes back to the page its
 * form was on, which shows it with this status (docs/decisions/014): the
 * address bar never stays on a URL a reload or a language switch would meet
 * with a 405. A server failure stays an error page; so does a refusal the
 * session has no room (or no way) to carry. Says whether it answered (a
 * boolean: see redirectWithRefusal).
 */
async function carryBack(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
): Promise<boolean> {
  if (problem.status >= 500) return false;
  const lang = request.lang();
  let target: RefusalTarget | undefined;
  try {
    target = await refusalTargetOf(request);
    if (target === undefined) return false;
    const session = await request.session();
    session.carryRefusal(
      {
        form: target.form,
        status: problem.status,
        message: problem.detail?.text(lang) ?? defaultDetail(problem.status, lang),
        fields: problem.fields ? fieldTexts(problem.fields, lang) : {},
        values: {},
      },
      target.page,
    );
    // Saved before the redirect leaves: a redirect to a page that cannot show the refusal says nothing.
    await request.server.sessions.saveNow(request);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    // A full cookie session, or a session that cannot be read: the refusal is shown here instead.
    if (!(error instanceof SessionTooLargeError)) {
      request.log.warn({ err: error }, 'refusal not carried back to its page');
    }
    return false;
  }
  // The redirect itself is no refusal: a delay the status brought is said on the page.
  reply.removeHeader('retry-after');
  reply.redirect(target.page, 303);
  return true;
}

/** A request that sends a form (a button pressed) rather than following a link. */
export function sentForm(request: FastifyRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD';
}

/**
 * The page the visitor came from (its `Referer`), when it is a page of this
 * site other than the one that failed: the error page's way back.
 */
export function previousPageOf(request: FastifyRequest): string | undefined {
  const { referer, host } = request.headers;
  if (referer === undefined || host === undefined) return undefined;
  try {
    const from = new URL(referer);
    if (from.host !== new URL(`http://${host}`).host) return undefined;
    const path = safeNextPath(`${from.pathname}${from.search}`, '');
    return path === '' || path === request.url ? undefined : path;
  } catch {
    return undefined;
  }
}

export function defaultDetail(status: number, lang: Lang): string {
  return statusText(status)?.text(lang) ?? STATUS_CODES[status] ?? 'Error';
}
