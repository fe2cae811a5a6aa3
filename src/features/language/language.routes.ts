import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { COOKIES } from '../../plugins/consent/cookie-registry.js';
import { readForm } from '../../plugins/read-form.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { LanguageForm } from './language.schemas.js';
import { AFTER_SWITCH_PATH, LANGUAGE_PATH } from './language-paths.js';

/**
 * The explicit language switch. `lang` is a preference the user asked for,
 * strictly necessary to honour it (docs/requirements.md §7): no consent needed. It changes no
 * server state, so like `/search` it needs no CSRF token. The switch sits in
 * every page's footer: a refused one (only a forged form can be) gets the
 * error page, in the visitor's language.
 */
export const languageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(LANGUAGE_PATH, { config: { csrf: false } }, async (request, reply) => {
    const form = readForm(LanguageForm, request.body);
    if (!form.ok) throw form.error;
    reply.setCookie(
      COOKIES.lang.names[0],
      form.value.lang,
      request.cookieOptions(COOKIES.lang.lifetime),
    );
    return reply.redirect(safeNextPath(form.value.next, AFTER_SWITCH_PATH), 303);
  });
};
