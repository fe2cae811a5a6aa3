import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Lang } from '../../i18n/i18n.js';
import { requireAdmin } from '../../plugins/auth-guards.js';
import { MonsterSchema } from '../catalogue/catalogue.schemas.js';
import { getMonster } from '../catalogue/catalogue.service.js';
import {
  MonsterFields,
  MonsterIdParams,
  type MonsterInput,
  MonsterPatch,
} from './admin.schemas.js';
import { changeMonster, createMonster, removeMonster } from './admin.service.js';

const TAGS = ['admin'];

/** The catalogue's write API, for administrators only. */
export const adminApi: FastifyPluginAsyncTypebox<{ uploadsDir: string }> = async (
  app,
  { uploadsDir },
) => {
  const db = app.database.db;
  // Before the body is read: only an administrator's body is worth reading.
  app.addHook('onRequest', requireAdmin);

  /** PUT and PATCH differ only by their schema (every field, or some). */
  const change = async (id: number, changes: Partial<MonsterInput>, lang: Lang) => {
    await changeMonster(db, uploadsDir, id, changes, undefined, lang);
    return getMonster(app.database, id);
  };

  app.post(
    '/api/monsters',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a monster (admin)',
        body: MonsterFields,
        response: { 201: MonsterSchema },
      },
    },
    async (request, reply) => {
      const id = await createMonster(db, uploadsDir, request.body, undefined, request.lang());
      return reply
        .code(201)
        .header('Location', `/api/monsters/${id}`)
        .send(await getMonster(app.database, id));
    },
  );

  app.put(
    '/api/monsters/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Replace every editable field of a monster (admin)',
        params: MonsterIdParams,
        body: MonsterFields,
        response: { 200: MonsterSchema },
      },
    },
    async (request) => change(request.params.id, request.body, request.lang()),
  );

  app.patch(
    '/api/monsters/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change some fields of a monster (admin)',
        params: MonsterIdParams,
        body: MonsterPatch,
        response: { 200: MonsterSchema },
      },
    },
    async (request) => change(request.params.id, request.body, request.lang()),
  );

  app.delete(
    '/api/monsters/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a monster; past orders keep their lines (admin)',
        params: MonsterIdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeMonster(db, uploadsDir, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
