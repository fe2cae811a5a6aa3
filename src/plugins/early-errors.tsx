import {
  type IncomingMessage,
  type ServerOptions,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import type { RequestDeadlines } from '../config/config.js';
import { messagesFor, negotiateLanguage } from '../i18n/i18n.js';
import { HttpError } from '../shared/http-error.js';
import { wantsHtml } from '../shared/negotiation.js';
import { UPLOADS_URL_PREFIX } from '../shared/uploaded-pictures.js';
import { ErrorPage } from '../views/error-page.js';
import type { ViewContext } from '../views/view-context.js';
import { responseUnderWay } from './closing.js';
import { parseConsent } from './consent/consent-state.js';
import { COOKIES } from './consent/cookie-registry.js';
import { defaultDetail, previousPageOf, sentForm } from './errors.js';
import { platformTexts } from './platform-texts.js';
import { helmetOptions, securityHeaderValues } from './security-headers.js';
import { renderDocument } from './views.js';

/** Requests carrying an `Expect` the server cannot meet, handed to the app to be refused there. */
const unmetExpectations = new WeakSet<IncomingMessage>();

/**
 * Answers Fastify and Node give before any hook runs, so before the security
 * headers and the error handler: a path that cannot be decoded or a path
 * parameter too long (`frameworkErrors`), and a request Node cannot parse at
 * all, such as a malformed request line or an oversized header, or one not
 * received within its deadline, a 408 (`clientErrorHandler`). Node's own
 * check of the Host header is turned off: the `earlyErrors` plugin refuses a
 * missing one through the error handler. All are constructor options of
 * Fastify.
 */
export function earlyErrorOptions(options: {
  production: boolean;
  deadlines: RequestDeadlines;
}): Pick<
  FastifyServerOptions,
  'frameworkErrors' | 'clientErrorHandler' | 'requestTimeout' | 'connectionTimeout'
> & { http: ServerOptions } {
  const { deadlines } = options;
  // The app's security headers, computed once as the plugin does
  // (docs/decisions/012-performance-tricks.md): these answers come before the app exists.
  const securityHeaders = securityHeaderValues(helmetOptions(options.production));
  return {
    // Fastify's defaults (0) let a request take forever to arrive (docs/decisions/009).
    requestTimeout: deadlines.requestMs,
    connectionTimeout: deadlines.idleMs,
    http: {
      requireHostHeader: false,
      headersTimeout: deadlines.headersMs,
      // Node checks the two deadlines above this often (30 s by default).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, deadlines.headersMs / 4)),
    },
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = unroutedStatus(error, request.url);
      request.log.info({ code: error.code, status }, 'request refused before routing');
      reply.code(status).headers(securityHeaders).header('Vary', 'Accept');
      const page = wantsHtml(request) ? errorPageOf(request, status) : undefined;
      if (page !== undefined) return reply.type('text/html; charset=utf-8').send(page);
      return reply
        .type('application/problem+json; charset=utf-8')
        .send(problemJson(status, request.id));
    },
    clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Duplex) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = connectionErrorStatus(error.code);
      // A client too slow to send its request is worth a line (its request may be logged as abandoned).
      if (status === 408) this.log.info({ status }, 'request not received within its deadline');
      // The code only: Node's parse errors carry the raw request bytes (`rawPacket`), cookies included.
      else this.log.trace({ code: error.code, status }, 'client error');
      // An answer already under way on this connection is never interleaved with another.
      const answering = responseUnderWay(socket);
      if (socket.writable && !answering?.headersSent) {
        socket.write(rawAnswer(securityHeaders, status));
      }
      socket.destroy(error);
    },
  };
}

/**
 * What Node would otherwise answer itself, bare (no security headers, no
 * branded page), or not at all: an HTTP/1.1 request without a Host header
 * (400), an `Expect` other than `100-continue` (417), both refused through
 * the error handler, and a CONNECT request (dropped by Node without a word),
 * answered 400 on its socket as Node's parse errors are.
 */
export const earlyErrors = fp(
  async (app: FastifyInstance) => {
    app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
      unmetExpectations.add(request);
      app.server.emit('request', request, response);
    });
    app.server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
      socket.on('error', () => {});
      // Whatever the client sends for its tunnel is read and dropped, for a few seconds at most.
      socket.resume();
      socket.end(rawAnswer(app.securityHeaders, 400, CONNECT_DETAIL));
      const linger = setTimeout(() => socket.destroy(), CONNECT_LINGER_MS).unref();
      socket.once('close', () => clearTimeout(linger));
    });
    app.addHook('onRequest', (request, _reply, done) => {
      if (unmetExpectations.has(request.raw))
        return done(new HttpError(417, { detail: platformTexts.expectationFailed }));
      if (request.raw.httpVersion === '1.1' && request.raw.headers.host === undefined) {
        return done(new HttpError(400, { detail: platformTexts.hostRequired }));
      }
      done();
    });
  },
  { name: 'early-errors', dependencies: ['security-headers', 'closing'] },
);

const CONNECT_DETAIL = 'This server is not a proxy: it serves no CONNECT request.';
/** How long a refused CONNECT client may keep its side open: long enough to read the answer. */
const CONNECT_LINGER_MS = 2_000;

/** A complete problem+json answer written straight to a socket, closing the connection. */
function rawAnswer(
  securityHeaders: Readonly<Record<string, string>>,
  status: number,
  detail?: string,
): string {
  const body = problemJson(status, undefined, detail);
  const headers = {
    ...securityHeaders,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The folders served as files: a path there is a file name or nothing. */
const FILE_PREFIXES = ['/static/', UPLOADS_URL_PREFIX];

/** A path under a file folder that cannot be decoded names no file: the ordinary 404. */
function unroutedStatus(error: FastifyError, url: string): number {
  const inFileFolder = FILE_PREFIXES.some((prefix) => url.startsWith(prefix));
  if (error.code === 'FST_ERR_BAD_URL' && inFileFolder) return 404;
  return error.statusCode ?? 500;
}

/** Node's own choices for a request it could not parse (as Fastify's default handler). */
function connectionErrorStatus(code: string): number {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  return 400;
}

function problemJson(status: number, requestId?: string, detail?: string): string {
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: detail ?? defaultDetail(status, 'en'),
    ...(requestId && { request_id: requestId }),
  });
}

/**
 * The branded error page for a request that was never routed: anonymous
 * (its session and CSRF token are out of reach), in the visitor's language.
 * Undefined if it cannot be rendered; the caller answers problem+json then.
 */
function errorPageOf(request: FastifyRequest, status: number): string | undefined {
  try {
    const { server } = request;
    const cookies = request.headers.cookie ? server.parseCookie(request.headers.cookie) : {};
    const lang = negotiateLanguage(
      cookies[COOKIES.lang.names[0]],
      request.headers['accept-language'],
    );
    const ctx: ViewContext = {
      lang,
      t: messagesFor(lang),
      path: '/',
      staticUrl: server.staticUrl,
      user: null,
      cartCount: 0,
      flash: [],
      refusal: undefined,
      status,
      // No banner: its form needs a CSRF token, and this request has none to offer.
      consent: { ...parseConsent(cookies[COOKIES.consent.names[0]]), decided: true },
      csrfToken: () => '',
    };
    return renderDocument(
      <ErrorPage
        ctx={ctx}
        status={status}
        sentForm={sentForm(request)}
        previousPage={previousPageOf(request)}
        requestId={request.id}
      />,
    );
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed to render');
    return undefined;
  }
}
