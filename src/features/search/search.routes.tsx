import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { refusalStatus } from '../../plugins/errors.js';
import { readForm } from '../../plugins/read-form.js';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { pageOf } from '../../shared/schemas.js';
import { refusalOf } from '../../views/form.js';
import { browseMonsters } from '../catalogue/index.js';
import { SearchForm, SearchPageQuery, SearchResponse } from './search.schemas.js';
import { SEARCH_PATH, searchResultsPath } from './search-paths.js';
import { SearchPage } from './views/search-page.js';

/**
 * Search (docs/requirements.md §4): `GET /search?q=` for results, HTML or JSON; `POST /search`
 * for forms that post, answered 303 to the GET URL. Searching changes
 * nothing, so it needs no CSRF token.
 */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    SEARCH_PATH,
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
    SEARCH_PATH,
    { schema: { hide: true }, config: { csrf: false } },
    async (request, reply) => {
      varyOnAccept(reply);
      const form = readForm(SearchForm, request.body);
      if (form.ok) return reply.redirect(searchResultsPath(form.value.q ?? ''), 303);
      if (!wantsHtml(request)) throw form.error;
      const refusal = refusalOf(form.error, request.lang());
      return reply.page(
        (ctx) => <SearchPage ctx={ctx} query="" typed={form.values.q} refusal={refusal} />,
        refusalStatus(reply, form.error),
      );
    },
  );
};
