import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  ConnectionError,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { messagesFor, negotiateLanguage } from '../i18n/i18n.js';
import { wantsHtml } from '../shared/negotiation.js';
import { ErrorPage } from '../views/error-page.js';
import type { ViewContext } from '../views/view-context.js';
import { parseConsent } from './consent/consent-state.js';
import { COOKIES } from './consent/cookie-registry.js';
import { defaultDetail } from './errors.js';
import { helmetOptions, securityHeaderValues } from './security-headers.js';
import { renderDocument } from './views.js';

/**
 * Answers Fastify and Node give before any hook runs, so before the security
 * headers and the error handler: a path that cannot be decoded or a path
 * parameter too long (`frameworkErrors`), and a request Node cannot parse at
 * all, such as a malformed request line or an oversized header
 * (`clientErrorHandler`). Both are constructor options of Fastify.
 */
export function earlyErrorOptions(options: {
  production: boolean;
}): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  const securityHeaders = securityHeaderValues(helmetOptions(options.production));
  return {
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
    clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = connectionErrorStatus(error.code);
      this.log.trace({ err: error }, 'client error');
      if (socket.writable) {
        const body = problemJson(status);
        const headers = {
          ...securityHeaders,
          'content-type': 'application/problem+json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          connection: 'close',
        };
        const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  };
}

/** The folders served as files: a path there is a file name or nothing. */
const FILE_PREFIXES = ['/static/', '/uploads/'];

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

function problemJson(status: number, requestId?: string): string {
  return JSON.stringify({
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: defaultDetail(status),
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
      // No banner: its form needs a CSRF token, and this request has none to offer.
      consent: { ...parseConsent(cookies[COOKIES.consent.names[0]]), decided: true },
      csrfToken: () => '',
    };
    return renderDocument(<ErrorPage ctx={ctx} status={status} requestId={request.id} />);
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed to render');
    return undefined;
  }
}
