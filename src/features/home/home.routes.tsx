import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { categoryLabel, categoryNames, listFeaturedMonsters } from '../catalogue/index.js';
import { mostViewedMonsters, recentlyViewedMonsters } from '../consent/index.js';
import { HOME_PATH } from './home-paths.js';
import { HomePage } from './views/home-page.js';

const FEATURED_COUNT = 8;
const RANKING_SIZE = 5;

export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(HOME_PATH, async (request, reply) => {
    const [featured, recentlyViewed, mostViewed] = await Promise.all([
      listFeaturedMonsters(app.database.db, FEATURED_COUNT),
      recentlyViewedMonsters(app.database.db, request),
      mostViewedMonsters(app.database.db, RANKING_SIZE),
    ]);
    const names = await categoryNames(
      app.database,
      featured.map((monster) => monster.category),
    );
    const lang = request.lang();
    return reply.page((ctx) => (
      <HomePage
        ctx={ctx}
        featured={featured}
        recentlyViewed={recentlyViewed}
        mostViewed={mostViewed}
        categoryName={(slug) => categoryLabel(names, slug, lang)}
      />
    ));
  });
};
