import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HttpError } from '../../shared/http-error.js';
import { HalloweenPage, HelloPage } from './views/course-pages.js';

const RUNNING = 'The server is running!';
const WhoisFields = Type.Object({ name: Type.Optional(Type.String({ maxLength: 1000 })) });

/** The small routes the course builds first with Flask (docs/requirements.md §4). */
export const courseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/status', async (request, reply) => {
    reply.type('text/plain; charset=utf-8').header('Cache-Control', 'no-store');
    try {
      await app.database.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'status check: database unreachable');
      return reply.code(503).header('Retry-After', '5').send('The database is unreachable.');
    }
    return RUNNING;
  });

  app.get('/halloween', async (_request, reply) =>
    reply.page((ctx) => <HalloweenPage ctx={ctx} />),
  );

  app.get('/hello/', async (_request, reply) => reply.page((ctx) => <HelloPage ctx={ctx} />));

  app.get(
    '/hello/:login',
    { schema: { params: Type.Object({ login: Type.String() }) } },
    async (request, reply) =>
      reply.page((ctx) => <HelloPage ctx={ctx} login={request.params.login} />),
  );

  app.get('/whois', { schema: { querystring: WhoisFields } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(whois(request.query.name)),
  );

  // Changes nothing, so no CSRF token is needed (docs/requirements.md §4).
  app.post(
    '/whois',
    { schema: { body: WhoisFields }, config: { csrf: false } },
    async (request, reply) =>
      reply.type('text/plain; charset=utf-8').send(whois(request.body?.name)),
  );

  app.get('/teapot', async () => {
    throw new HttpError(418);
  });
};

function whois(name: string | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : 'John Doe';
}
