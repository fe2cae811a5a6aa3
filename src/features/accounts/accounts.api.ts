import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ThrottleConfig } from '../../config/config.js';
import { problemResponse } from '../../shared/schemas.js';
import { Credentials, SessionJson, SignedInJson } from './accounts.schemas.js';
import { authenticate } from './accounts.service.js';
import { SESSION_API_PATH } from './accounts-paths.js';
import { signInLimit } from './throttling.js';

const TAGS = ['session'];

/** The session for API clients, registered under /api: who am I, sign in, sign out (docs/requirements.md §5). */
export const accountsApi: FastifyPluginAsyncTypebox<{ throttle: ThrottleConfig }> = async (
  app,
  { throttle },
) => {
  app.get(
    SESSION_API_PATH,
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
    SESSION_API_PATH,
    {
      schema: {
        tags: TAGS,
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Credentials,
        response: {
          200: SignedInJson,
          400: problemResponse(
            'A field is missing, of the wrong type or not allowed (see `errors`).',
          ),
          401: problemResponse(
            'Wrong e-mail address or password (`accounts.bad_credentials`): the same answer for both.',
          ),
          429: problemResponse(
            'Too many attempts for this account or from this address: wait for `Retry-After` seconds.',
          ),
        },
      },
      config: { rateLimit: signInLimit(throttle) },
    },
    async (request) => {
      const user = await authenticate(app.database.db, throttle, request.body);
      await app.sessions.signIn(request, user);
      return { user };
    },
  );

  app.delete(
    SESSION_API_PATH,
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
