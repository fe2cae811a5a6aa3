import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { encodeQueryValue } from '../../shared/safe-redirect.js';
import {
  pageOf,
  SearchForm,
  SearchPageQuery,
  SearchResponse,
} from '../catalogue/catalogue.schemas.js';
import { browseMonsters } from '../catalogue/catalogue.service.js';
import { SearchPage } from './views/search-page.js';

/**
 * Search (docs/requirements.md §4): `GET /search?q=` for results, HTML or JSON; `POST /search`
 * for forms that post, answered 303 to the GET URL. Searching changes
 * nothing, so it needs no CSRF token.
 */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    { schema: { hide: true, querystring: SearchPageQuery, response: { 200: SearchResponse } } },
    async (request, reply) => {
      varyOnAccept(reply);
      const query = request.query.q?.trim() ?? '';
      const { page, per_page } = pageOf(request.query);
      const result =
        query === ''
          ? { items: [], page, per_page, total: 0 }
          : await browseMonsters(app.database, { q: query, page, per_page });
      if (!wantsHtml(request)) return { ...result, q: query };
      return reply.page((ctx) => <SearchPage ctx={ctx} query={query} result={result} />);
    },
  );

  app.post(
    '/search',
    { schema: { hide: true, body: SearchForm }, config: { csrf: false } },
    async (request, reply) => {
      varyOnAccept(reply);
      const query = request.body?.q?.trim() ?? '';
      return reply.redirect(query === '' ? '/search' : `/search?q=${encodeQueryValue(query)}`, 303);
    },
  );
};
