import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Lang } from '../../i18n/i18n.js';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { monsterPath } from '../../shared/site-paths.js';
import { rememberView } from '../consent/index.js';
import {
  MonsterListQuery,
  MonsterListResponse,
  MonsterSchema,
  MonsterUrlParams,
} from './catalogue.schemas.js';
import {
  browseMonsters,
  categoryNames,
  getMonster,
  listCategoryChoices,
} from './catalogue.service.js';
import { MONSTER_ID_ROUTE, MONSTER_PAGE_ROUTE, MONSTERS_PATH } from './catalogue-paths.js';
import { MonsterListPageQuery } from './list-page-query.js';
import { categoryLabel, inNameOrder } from './localized-monster.js';
import { monsterForClient, monsterPageForClient } from './monster-json.js';
import { type IgnoredParameter, readPageQuery } from './page-query.js';
import type { CategoryChoice, ListState } from './views/list-state.js';
import { MonsterListPage } from './views/monster-list-page.js';
import { MonsterPage } from './views/monster-page.js';

/**
 * The catalogue pages (docs/requirements.md §4): HTML for browsers, the same data as JSON for
 * any other client, every response marked `Vary: Accept`. The documented API
 * is catalogue.api.ts; these routes stay out of the OpenAPI document.
 */
export const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', (_request, reply, done) => {
    varyOnAccept(reply);
    done();
  });

  app.get(
    MONSTERS_PATH,
    {
      schema: {
        hide: true,
        querystring: MonsterListQuery,
        response: { 200: MonsterListResponse },
      },
      // A page re-shows the list with what it could use; a JSON client gets the 400 problem.
      attachValidation: true,
    },
    async (request, reply) => {
      if (wantsHtml(request)) return showList(app.database, request, reply);
      if (request.validationError) throw request.validationError;
      const result = await browseMonsters(app.database, request.query);
      return monsterPageForClient(request, reply, result);
    },
  );

  app.get(
    MONSTER_ID_ROUTE,
    { schema: { hide: true, params: MonsterUrlParams } },
    async (request, reply) => {
      const monster = await getMonster(app.database, request.params.id);
      return reply.redirect(monsterPath(monster), 301);
    },
  );

  app.get(
    MONSTER_PAGE_ROUTE,
    { schema: { hide: true, params: MonsterUrlParams, response: { 200: MonsterSchema } } },
    async (request, reply) => {
      const { category, id } = request.params;
      const monster = await getMonster(app.database, id);
      // One URL per monster: another category, or the id written otherwise (`007`), redirects.
      if (category !== monster.category || id !== String(monster.id)) {
        return reply.redirect(monsterPath(monster), 301);
      }
      if (!wantsHtml(request)) return monsterForClient(request, reply, monster);
      const [names] = await Promise.all([
        categoryNames(app.database, [monster.category]),
        rememberView(app.database.db, request, reply, monster.id),
      ]);
      const categoryName = categoryLabel(names, monster.category, request.lang());
      return reply.page((ctx) => (
        <MonsterPage ctx={ctx} monster={monster} categoryName={categoryName} />
      ));
    },
  );
};

/**
 * The categories the filter offers, named and ordered in the visitor's
 * language: those holding a monster, and the one asked for (a link to a
 * category emptied since shows its empty list, still chosen in the filter).
 * Undefined when the shop has no category `wanted`.
 */
async function categoryChoices(
  database: DatabaseHandle,
  lang: Lang,
  wanted: string | undefined,
): Promise<CategoryChoice[] | undefined> {
  const [every, offeredAlways] = await Promise.all([
    listCategoryChoices(database),
    listCategoryChoices(database, { stockedOnly: true }),
  ]);
  if (wanted !== undefined && !every.some(({ slug }) => slug === wanted)) return undefined;
  const stocked = new Set(offeredAlways.map(({ slug }) => slug));
  const offered = inNameOrder(every, lang).filter(
    ({ slug }) => stocked.has(slug) || slug === wanted,
  );
  const names = new Map(offered.map((category) => [category.slug, category]));
  return offered.map(({ slug }) => ({ slug, name: categoryLabel(names, slug, lang) }));
}

/**
 * The list page, from the parameters it can use: one it cannot (a bad
 * link, an edited address, a category gone) is replaced by its default and
 * named in a notice, and the page answers 400.
 */
async function showList(database: DatabaseHandle, request: FastifyRequest, reply: FastifyReply) {
  const read = readPageQuery(MonsterListPageQuery, request.url);
  const ignored: IgnoredParameter[] = [...read.ignored];
  let { category } = read.value;
  let categories = await categoryChoices(database, request.lang(), category);
  if (categories === undefined) {
    ignored.push({ name: 'category', typed: String(category) });
    category = undefined;
    categories = (await categoryChoices(database, request.lang(), undefined)) ?? [];
  }
  const { sort, order, page, per_page, view = 'cards' } = read.value;
  const result = await browseMonsters(database, { category, sort, order, page, per_page });
  const state: ListState = { category, sort, order, per_page: result.per_page, view };
  return reply.page(
    (ctx) => (
      <MonsterListPage
        ctx={ctx}
        result={result}
        state={state}
        categories={categories}
        ignored={ignored}
      />
    ),
    ignored.length > 0 ? 400 : 200,
  );
}
