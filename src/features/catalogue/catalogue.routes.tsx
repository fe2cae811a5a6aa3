import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { varyOnAccept, wantsHtml } from '../../shared/negotiation.js';
import { monsterPath } from '../../shared/site-paths.js';
import { rememberView } from '../consent/index.js';
import { listCategories } from './catalogue.queries.js';
import {
  MonsterListQuery,
  MonsterListResponse,
  MonsterSchema,
  MonsterUrlParams,
} from './catalogue.schemas.js';
import { browseMonsters, getMonster } from './catalogue.service.js';
import { MONSTER_ID_ROUTE, MONSTER_PAGE_ROUTE, MONSTERS_PATH } from './catalogue-paths.js';
import { MonsterListPage } from './views/monster-list-page.js';
import { MonsterPage } from './views/monster-page.js';

/**
 * The catalogue pages (docs/requirements.md §4): HTML for browsers, the same data as JSON for
 * any other client, every response marked `Vary: Accept`. The documented API
 * is catalogue.api.ts; these routes stay out of the OpenAPI document.
 */
export const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (_request, reply) => varyOnAccept(reply));

  app.get(
    MONSTERS_PATH,
    {
      schema: {
        hide: true,
        querystring: MonsterListQuery,
        response: { 200: MonsterListResponse },
      },
    },
    async (request, reply) => {
      const { category, sort, order } = request.query;
      const result = await browseMonsters(app.database, request.query);
      if (!wantsHtml(request)) return result;
      const categories = await listCategories(app.database.db);
      const state = { category: category || undefined, sort, order };
      return reply.page((ctx) => (
        <MonsterListPage ctx={ctx} result={result} state={state} categories={categories} />
      ));
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
      if (!wantsHtml(request)) return monster;
      await rememberView(app.database.db, request, reply, monster.id);
      return reply.page((ctx) => <MonsterPage ctx={ctx} monster={monster} />);
    },
  );
};
