import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Lang, messagesFor, negotiateLanguage } from '../i18n/i18n.js';
import type { ViewContext } from '../views/view-context.js';

export const LANG_COOKIE = 'lang';

declare module 'fastify' {
  interface FastifyRequest {
    /** The interface language of this request (cookie, then Accept-Language). */
    lang(): Lang;
    viewContext(): ViewContext;
  }
  interface FastifyReply {
    /** Renders a page template to a complete HTML5 document. */
    page(render: (ctx: ViewContext) => JSX.Element, status?: number): FastifyReply;
  }
}

export function renderDocument(vnode: JSX.Element): string {
  return `<!doctype html>${renderToString(vnode)}`;
}

export const views = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('lang', function (this: FastifyRequest): Lang {
      return negotiateLanguage(this.cookies?.[LANG_COOKIE], this.headers['accept-language']);
    });

    app.decorateRequest('viewContext', function (this: FastifyRequest): ViewContext {
      const lang = this.lang();
      return {
        lang,
        t: messagesFor(lang),
        path: this.url,
        staticUrl: app.staticUrl,
        user: null,
        cartCount: 0,
      };
    });

    app.decorateReply(
      'page',
      function (this: FastifyReply, render: (ctx: ViewContext) => JSX.Element, status = 200) {
        const ctx = this.request.viewContext();
        return this.code(status)
          .header('Content-Language', ctx.lang)
          .type('text/html; charset=utf-8')
          .send(renderDocument(render(ctx)));
      },
    );
  },
  { name: 'views', dependencies: ['static-assets'] },
);
