import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ThrottleConfig } from '../../config/config.js';
import { Credentials, SessionJson, UserJson } from './accounts.schemas.js';
import { authenticate } from './accounts.service.js';
import { signInLimit } from './throttling.js';

const TAGS = ['session'];

/** `/api/session`: who am I, sign in, sign out — for API clients (docs/requirements.md §5). */
export const accountsApi: FastifyPluginAsyncTypebox<{ throttle: ThrottleConfig }> = async (
  app,
  { throttle },
) => {
  app.get(
    '/api/session',
    {
      schema: {
        tags: TAGS,
        summary: 'The signed-in user (or null) and a CSRF token',
        response: { 200: SessionJson },
      },
    },
    async (request, reply) => {
      const session = await request.existingSession();
      return {
        user: session?.user ?? null,
        csrf_token: reply.csrfToken(session),
      };
    },
  );

  app.post(
    '/api/session',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Credentials,
        response: { 200: Type.Object({ user: UserJson }) },
      },
      config: { rateLimit: signInLimit(throttle) },
    },
    async (request) => {
      const user = await authenticate(app.database.db, throttle, request.body, request.lang());
      await app.sessions.signIn(request, user);
      return { user };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: TAGS,
        summary: 'Sign out: the session is destroyed',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const session = await request.existingSession();
      if (session?.user) session.signOut();
      return reply.code(204).send(null);
    },
  );
};
