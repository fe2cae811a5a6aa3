import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { LogEvent } from 'kysely';
import type { Config } from '../../config/config.js';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { consentOf } from '../consent/consent-state.js';
import { MAX_COOKIE_BYTES, SESSION_COOKIE_PURPOSE } from '../sessions/cookie-store.js';
import { sessionIdOf } from '../sessions/database-store.js';
import { SealedBox } from '../sessions/sealed-box.js';
import {
  flattenHeaders,
  INSPECTOR_PATH,
  type InspectedQuery,
  InspectedRequests,
  parseSetCookie,
  type SessionSnapshot,
  type SetCookie,
  showableParameter,
} from './inspected-request.js';
import { InspectedRequestPage, InspectedRequestsPage } from './inspector-views.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Debug mode only: this request's page in the inspector (the toolbar links to it). */
    inspectorPath?: string | null;
    inspection?: Inspection | null;
  }
}

interface Inspection {
  readonly startedAt: string;
  readonly queries: InspectedQuery[];
  readonly sessionBefore: SessionSnapshot | null;
  cookiesSet: SetCookie[];
  sessionAfter: SessionSnapshot | null;
}

/** The inspector's own pages and static files are not worth inspecting. */
function isInspected(url: string): boolean {
  return !url.startsWith(INSPECTOR_PATH) && !url.startsWith('/static/');
}

function queryOf(event: LogEvent): InspectedQuery {
  return {
    sql: event.query.sql,
    parameters: event.query.parameters.map(showableParameter),
    durationMs: event.queryDurationMillis,
    error:
      event.level === 'error'
        ? event.error instanceof Error
          ? event.error.message
          : String(event.error)
        : null,
  };
}

/** The session cookie the answer leaves the browser with: set, cleared, or the one it sent. */
function sessionCookieAfter(
  received: string | undefined,
  setCookies: readonly { name: string; value: string }[],
  name: string,
): string | undefined {
  const set = setCookies.findLast((cookie) => cookie.name === name);
  if (!set) return received;
  return set.value === '' ? undefined : set.value;
}

function setCookieHeaders(reply: FastifyReply): string[] {
  const header = reply.getHeader('set-cookie');
  if (header === undefined) return [];
  return Array.isArray(header) ? header.map(String) : [String(header)];
}

/**
 * The request inspector of debug mode (docs/architecture.md "Debug inspector"):
 * the last requests with their headers, cookies, session before and after,
 * SQL and consent state, as HTML pages and as JSON. Registered only when
 * debug mode is on, which production refuses: it shows session tokens.
 */
export const inspector = fp(
  async (app: FastifyInstance, config: Config) => {
    const requests = new InspectedRequests();
    const capture = new AsyncLocalStorage<InspectedQuery[]>();
    const box = new SealedBox(config.secretKeys, SESSION_COOKIE_PURPOSE);
    const store = config.sessionStore;

    const stopListening = app.database.onQuery((event) => {
      capture.getStore()?.push(queryOf(event));
    });
    app.addHook('onClose', async () => stopListening());

    /** Reads the stored session itself, outside the request's SQL list. */
    const snapshot = (name: string, value: string | undefined): Promise<SessionSnapshot | null> =>
      capture.exit(async (): Promise<SessionSnapshot | null> => {
        if (!value) return null;
        if (store === 'cookie') {
          const opened = box.open(value);
          let payload: unknown = null;
          try {
            payload = opened === undefined ? null : JSON.parse(opened);
          } catch {
            payload = null;
          }
          return {
            store: 'cookie',
            payload,
            cookieBytes: Buffer.byteLength(`${name}=${value}`),
            limitBytes: MAX_COOKIE_BYTES,
          };
        }
        const rowId = sessionIdOf(value);
        // The inspector never fails the request it watches: an unreadable row shows as none.
        const row = await app.database.db
          .selectFrom('sessions')
          .selectAll()
          .where('id', '=', rowId)
          .executeTakeFirst()
          .catch((error: unknown) => {
            app.log.warn({ err: error }, 'inspector: session row unreadable');
            return undefined;
          });
        return { store: 'database', token: value, rowId, row: row ?? null };
      });

    app.decorateRequest('inspectorPath', null);
    app.decorateRequest('inspection', null);

    app.addHook('onRequest', async (request) => {
      if (!isInspected(request.url)) return;
      const startedAt = new Date().toISOString();
      const name = app.sessions.cookieName(request);
      const sessionBefore = await snapshot(name, request.cookies?.[name]);
      request.inspection = {
        startedAt,
        queries: [],
        sessionBefore,
        cookiesSet: [],
        sessionAfter: null,
      };
      request.inspectorPath = `${INSPECTOR_PATH}/${request.id}`;
    });
    // Every statement run on behalf of this request, however deep, lands in its list.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.inspection) capture.run(request.inspection.queries, done);
      else done();
    });

    // The session as the answer leaves it, read before it goes out: a client that asks
    // the inspector straight after finds this request complete.
    app.addHook('onSend', async (request, reply, payload) => {
      const inspection = request.inspection;
      if (!inspection) return payload;
      const name = app.sessions.cookieName(request);
      inspection.cookiesSet = setCookieHeaders(reply).map(parseSetCookie);
      inspection.sessionAfter = await snapshot(
        name,
        sessionCookieAfter(request.cookies?.[name], inspection.cookiesSet, name),
      );
      return payload;
    });

    app.addHook('onResponse', async (request, reply) => {
      const inspection = request.inspection;
      if (!inspection) return;
      requests.add({
        id: request.id,
        startedAt: inspection.startedAt,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        durationMs: reply.elapsedTime,
        // A local debugging tool: the session cookie's value is shown on purpose,
        // so that a student can follow the token to its row.
        requestHeaders: flattenHeaders(request.headers),
        responseHeaders: flattenHeaders(reply.getHeaders()),
        cookiesReceived: Object.entries(request.cookies ?? {}).flatMap(([cookie, value]) =>
          value === undefined ? [] : [{ name: cookie, value }],
        ),
        cookiesSet: inspection.cookiesSet,
        sessionBefore: inspection.sessionBefore,
        sessionAfter: inspection.sessionAfter,
        queries: [...inspection.queries],
        consent: consentOf(request),
      });
    });

    const answer = (
      request: FastifyRequest,
      reply: FastifyReply,
      data: unknown,
      html: () => ReturnType<FastifyReply['page']>,
    ) => {
      varyOnAccept(reply);
      reply.header('Cache-Control', 'no-store');
      return wantsHtml(request) ? html() : reply.send(data);
    };

    app.get(INSPECTOR_PATH, { schema: { hide: true } }, async (request, reply) => {
      const list = requests.newestFirst();
      return answer(request, reply, { requests: list }, () =>
        reply.page((ctx) => <InspectedRequestsPage ctx={ctx} requests={list} />),
      );
    });

    app.get<{ Params: { id: string } }>(
      `${INSPECTOR_PATH}/:id`,
      { schema: { hide: true } },
      async (request, reply) => {
        const found = requests.find(request.params.id);
        if (!found) return reply.callNotFound();
        return answer(request, reply, found, () =>
          reply.page((ctx) => <InspectedRequestPage ctx={ctx} request={found} />),
        );
      },
    );
  },
  { name: 'inspector', dependencies: ['database', 'sessions', 'views'] },
);
