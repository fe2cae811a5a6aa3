import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LANGUAGES } from '../../i18n/i18n.js';
import { COOKIES } from '../../plugins/consent/cookie-registry.js';
import { safeNextPath } from '../../shared/safe-redirect.js';

const LanguageChoice = Type.Object({
  lang: Type.Union(LANGUAGES.map((lang) => Type.Literal(lang))),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
});

/**
 * The explicit language switch. `lang` is a preference the user asked for,
 * strictly necessary to honour it (docs/requirements.md §7): no consent needed. It changes no
 * server state, so like `/search` it needs no CSRF token.
 */
export const languageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/lang',
    { schema: { body: LanguageChoice }, config: { csrf: false } },
    async (request, reply) => {
      reply.setCookie(
        COOKIES.lang.names[0],
        request.body.lang,
        request.cookieOptions(COOKIES.lang.lifetime),
      );
      return reply.redirect(safeNextPath(request.body.next, '/'), 303);
    },
  );
};
