import type { FastifyInstance } from 'fastify';
import { listFeaturedMonsters } from '../catalogue/catalogue.queries.js';
import { HomePage } from './views/home-page.js';

const FEATURED_COUNT = 8;

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_request, reply) => {
    const featured = await listFeaturedMonsters(app.database.db, FEATURED_COUNT);
    return reply.page((ctx) => <HomePage ctx={ctx} featured={featured} />);
  });
}
