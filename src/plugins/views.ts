import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Lang, messagesFor, negotiateLanguage } from '../i18n/i18n.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import type { ViewContext } from '../views/view-context.js';
import { consentOf } from './consent/consent-state.js';
import { COOKIES } from './consent/cookie-registry.js';
import { databaseFailureFields, metDatabaseUnavailable } from './database-outage.js';
import { refusalTargetOf } from './refusal-target.js';
import type { Session } from './sessions/session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The interface language of this request (cookie, then Accept-Language). */
    lang(): Lang;
  }
  interface FastifyReply {
    /** Renders a page template to a complete HTML5 document and sends it. */
    page(render: (ctx: ViewContext) => JSX.Element, status?: number): Promise<FastifyReply>;
  }
}

export function renderDocument(vnode: JSX.Element): string {
  return `<!DOCTYPE html>${renderToString(vnode)}`;
}

function cartCountOf(session: Session | null): number {
  return Object.values(session?.data.cart ?? {}).reduce((total, quantity) => total + quantity, 0);
}

/**
 * The visitor's session if they have one; a page still renders (anonymously)
 * when it cannot be read. Once the database failed this request, only a
 * session already loaded is shown: the error page never waits on it again.
 */
async function sessionForPage(request: FastifyRequest): Promise<Session | null> {
  if (metDatabaseUnavailable(request)) {
    request.sessionConsulted = true;
    return request.loadedSession;
  }
  try {
    return await request.existingSession();
  } catch (error) {
    request.log.warn(databaseFailureFields(error), 'session unavailable while rendering a page');
    return null;
  }
}

/**
 * Where "come back here" links of the page lead (the language switch, the
 * banner's choice): the request's URL, unless it only accepts POST; then
 * the page its route declares for refusals, or the front page.
 */
async function returnPathOf(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  const declared = await refusalTargetOf(request).catch(() => undefined);
  if (declared !== undefined) return declared.page;
  const path = request.url.split('?', 1)[0] ?? '/';
  return app.findRoute({ method: 'GET', url: path }) === null ? SITE_PATHS.home : request.url;
}

export const views = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('lang', function (this: FastifyRequest): Lang {
      return negotiateLanguage(
        this.cookies?.[COOKIES.lang.names[0]],
        this.headers['accept-language'],
      );
    });

    app.decorateReply(
      'page',
      async function (this: FastifyReply, render: (ctx: ViewContext) => JSX.Element, status = 200) {
        const request = this.request;
        const session = await sessionForPage(request);
        const lang = request.lang();
        let csrfToken: string | undefined;
        // Kept for a later page when this one's session will not be saved.
        const saved = !metDatabaseUnavailable(request);
        // A HEAD request changes nothing: the GET that follows it gets the refusal.
        const refusal =
          saved && request.method === 'GET' ? session?.takeRefusal(request.url) : undefined;
        const pageStatus = status === 200 && refusal ? refusal.status : status;
        const ctx: ViewContext = {
          lang,
          t: messagesFor(lang),
          path: await returnPathOf(app, request),
          staticUrl: app.staticUrl,
          user: session?.user ?? null,
          cartCount: cartCountOf(session),
          flash: saved ? (session?.takeFlash() ?? []) : [],
          refusal,
          status: pageStatus,
          consent: consentOf(request),
          // One token per page, bound to the session the page was rendered for.
          csrfToken: () => (csrfToken ??= this.csrfToken(session)),
          inspectorPath: request.inspectorPath ?? null,
        };
        return this.code(pageStatus)
          .header('Content-Language', lang)
          .type('text/html; charset=utf-8')
          .send(renderDocument(render(ctx)));
      },
    );
  },
  { name: 'views', dependencies: ['static-assets', 'sessions', 'csrf'] },
);
