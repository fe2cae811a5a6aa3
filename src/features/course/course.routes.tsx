import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readForm } from '../../plugins/read-form.js';
import { HttpError } from '../../shared/http-error.js';
import { courseTexts } from './course.messages.js';
import { HelloParams, WhoisFields } from './course.schemas.js';
import {
  COURSE_PATH,
  HALLOWEEN_PATH,
  HELLO_LOGIN_ROUTE,
  HELLO_PATH,
  STATUS_PATH,
  TEAPOT_PATH,
  WHOIS_PATH,
} from './course-paths.js';
import { CourseIndexPage } from './views/course-index-page.js';
import { HalloweenPage, HelloPage } from './views/course-pages.js';

/** The course's exact answers (docs/requirements.md §4): plain text, in English. */
const RUNNING = 'The server is running!';
const UNREACHABLE = 'The database is unreachable.';
const NOBODY = 'John Doe';
const PLAIN_TEXT = 'text/plain; charset=utf-8';

const whois = (name: string | undefined): string => name?.trim() || NOBODY;

/** The small routes the course builds first with Flask (docs/requirements.md §4). */
export const courseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(STATUS_PATH, async (request, reply) => {
    reply.type(PLAIN_TEXT).header('Cache-Control', 'no-store');
    try {
      await app.database.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'status check: database unreachable');
      return reply.code(503).header('Retry-After', '5').send(UNREACHABLE);
    }
    return RUNNING;
  });

  app.get(HALLOWEEN_PATH, async (_request, reply) =>
    reply.page((ctx) => <HalloweenPage ctx={ctx} />),
  );

  app.get(HELLO_PATH, async (_request, reply) => reply.page((ctx) => <HelloPage ctx={ctx} />));

  app.get(HELLO_LOGIN_ROUTE, { schema: { params: HelloParams } }, async (request, reply) =>
    reply.page((ctx) => <HelloPage ctx={ctx} login={request.params.login} />),
  );

  app.get(WHOIS_PATH, { schema: { querystring: WhoisFields } }, async (request, reply) =>
    reply.type(PLAIN_TEXT).send(whois(request.query.name)),
  );

  // Changes nothing, so no CSRF token is needed (docs/requirements.md §4).
  app.post(WHOIS_PATH, { config: { csrf: false } }, async (request, reply) => {
    const form = readForm(WhoisFields, request.body);
    if (!form.ok) throw form.error;
    return reply.type(PLAIN_TEXT).send(whois(form.value.name));
  });

  // The curl commands it shows name this server as the visitor reached it.
  app.get(COURSE_PATH, async (request, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    return reply.page((ctx) => <CourseIndexPage ctx={ctx} origin={origin} />);
  });

  // A status the course shows, not a rule of the shop: an HTTP-level refusal.
  app.get(TEAPOT_PATH, async () => {
    throw new HttpError(418, { detail: courseTexts.teapot });
  });
};
