import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../../db/connection.js';
import { refusalStatus } from '../../plugins/errors.js';
import { formErrors, readForm } from '../../plugins/read-form.js';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { pageOf } from '../../shared/schemas.js';
import { refusalOf } from '../../views/form.js';
import {
  browseMonsters,
  categoryLabel,
  categoryNames,
  monsterPageForClient,
  readPageQuery,
} from '../catalogue/index.js';
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
    {
      schema: { hide: true, querystring: SearchPageQuery, response: { 200: SearchResponse } },
      // A page explains what it could not use; a JSON client gets the 400 problem.
      attachValidation: true,
    },
    async (request, reply) => {
      varyOnAccept(reply);
      if (wantsHtml(request)) return showSearch(app.database, request, reply);
      if (request.validationError) throw request.validationError;
      const query = request.query.q?.trim() ?? '';
      const { page, per_page } = pageOf(request.query);
      const result =
        query === ''
          ? { items: [], page, per_page, total: 0 }
          : await browseMonsters(app.database, { q: query, page, per_page });
      return monsterPageForClient(request, reply, { ...result, q: query });
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

/**
 * The search page from what it can use: a search too long is refused
 * beside the search box, text kept (400); a page or page size it cannot
 * use gives the first page of the usual size, with a notice saying so (400).
 */
async function showSearch(database: DatabaseHandle, request: FastifyRequest, reply: FastifyReply) {
  const read = readPageQuery(SearchPageQuery, request.url);
  const refusedQuery = read.ignored.find((parameter) => parameter.name === 'q');
  const ignored = read.ignored.filter((parameter) => parameter !== refusedQuery);
  if (refusedQuery) {
    const error = formErrors.invalid({
      fields: { q: refusedQuery.reason ?? formErrors.invalid() },
    });
    const refusal = refusalOf(error, request.lang());
    return reply.page(
      (ctx) => (
        <SearchPage
          ctx={ctx}
          query=""
          typed={refusedQuery.typed}
          refusal={refusal}
          ignored={ignored}
        />
      ),
      refusalStatus(reply, error),
    );
  }
  const query = read.value.q?.trim() ?? '';
  const { page, per_page } = pageOf(read.value);
  const result =
    query === '' ? undefined : await browseMonsters(database, { q: query, page, per_page });
  const slugs = result?.items.map((monster) => monster.category) ?? [];
  const names = await categoryNames(database, slugs);
  const lang = request.lang();
  const categoryName = (slug: string) => categoryLabel(names, slug, lang);
  return reply.page(
    (ctx) => (
      <SearchPage
        ctx={ctx}
        query={query}
        result={result}
        ignored={ignored}
        categoryName={categoryName}
      />
    ),
    ignored.length > 0 ? 400 : 200,
  );
}
