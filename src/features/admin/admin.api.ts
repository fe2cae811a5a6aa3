import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireAdmin } from '../../plugins/auth-guards.js';
import { problemResponse, SIGN_IN_FIRST, SIGNED_IN_WRITE } from '../../shared/schemas.js';
import {
  getMonster,
  MonsterIdParams,
  MonsterSchema,
  monsterApiPath,
  monsterForClient,
} from '../catalogue/index.js';
import { MonsterFields, type MonsterInput, MonsterPatch } from './admin.schemas.js';
import { changeMonster, createMonster, removeMonster } from './admin.service.js';
import { API_MONSTER_ROUTE, API_MONSTERS_PATH } from './admin-paths.js';

const TAGS = ['admin'];
/** What an administrator's write is refused with before it runs (requireAdmin, the CSRF check). */
const ADMIN_REFUSALS = {
  401: SIGN_IN_FIRST,
  403: problemResponse(
    'Signed in, but not as an administrator (`access.admins_only`); or the `X-CSRF-Token` header is missing or invalid (`http.csrf`).',
  ),
};
const INVALID = problemResponse('A field is missing, unknown or out of its limits (see `errors`).');
const UNKNOWN = problemResponse('No monster has this id (code `admin.unknown_monster`).');
const UNKNOWN_CATEGORY = problemResponse(
  'No category has this slug (code `admin.unknown_category`); `detail` names the known categories. The API never creates a category: a typo cannot make one.',
);

/** The catalogue's write API, for administrators only (registered under API_PREFIX). */
export const adminApi: FastifyPluginAsyncTypebox<{ uploadsDir: string }> = async (
  app,
  { uploadsDir },
) => {
  const db = app.database.db;
  // Before the body is read: only an administrator's body is worth reading.
  app.addHook('onRequest', requireAdmin);

  /**
   * The saved monster in the client's language, with the same headers as a
   * read (Content-Language, Vary).
   */
  const saved = async (request: FastifyRequest, reply: FastifyReply, id: number) =>
    monsterForClient(request, reply, await getMonster(app.database, id));

  /** PUT and PATCH differ only by their schema (every field, or some). */
  const change = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    changes: Partial<MonsterInput>,
  ) => {
    await changeMonster(db, uploadsDir, id, changes);
    return saved(request, reply, id);
  };

  app.post(
    API_MONSTERS_PATH,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a monster (admin)',
        security: SIGNED_IN_WRITE,
        body: MonsterFields,
        response: { 201: MonsterSchema, 400: INVALID, 422: UNKNOWN_CATEGORY, ...ADMIN_REFUSALS },
      },
    },
    async (request, reply) => {
      const id = await createMonster(db, uploadsDir, request.body);
      return reply
        .code(201)
        .header('Location', monsterApiPath(id))
        .send(await saved(request, reply, id));
    },
  );

  app.put(
    API_MONSTER_ROUTE,
    {
      schema: {
        tags: TAGS,
        summary: 'Replace every editable field of a monster (admin)',
        security: SIGNED_IN_WRITE,
        params: MonsterIdParams,
        body: MonsterFields,
        response: {
          200: MonsterSchema,
          400: INVALID,
          404: UNKNOWN,
          422: UNKNOWN_CATEGORY,
          ...ADMIN_REFUSALS,
        },
      },
    },
    async (request, reply) => change(request, reply, request.params.id, request.body),
  );

  app.patch(
    API_MONSTER_ROUTE,
    {
      schema: {
        tags: TAGS,
        summary: 'Change some fields of a monster (admin)',
        security: SIGNED_IN_WRITE,
        params: MonsterIdParams,
        body: MonsterPatch,
        response: {
          200: MonsterSchema,
          400: INVALID,
          404: UNKNOWN,
          422: UNKNOWN_CATEGORY,
          ...ADMIN_REFUSALS,
        },
      },
    },
    async (request, reply) => change(request, reply, request.params.id, request.body),
  );

  app.delete(
    API_MONSTER_ROUTE,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a monster; past orders keep their lines (admin)',
        security: SIGNED_IN_WRITE,
        params: MonsterIdParams,
        response: { 204: Type.Null(), 404: UNKNOWN, ...ADMIN_REFUSALS },
      },
    },
    async (request, reply) => {
      await removeMonster(db, uploadsDir, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
