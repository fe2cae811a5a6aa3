import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { messagesFor } from '../../i18n/i18n.js';
import { requireAdmin } from '../../plugins/auth-guards.js';
import { HttpError } from '../../shared/http-error.js';
import { browseMonsters, getMonster } from '../catalogue/catalogue.service.js';
import { AdminListQuery, type MonsterForm } from './admin.schemas.js';
import { changeMonster, createMonster, removeMonster } from './admin.service.js';
import { centsToEuros, readMonsterForm } from './monster-input.js';
import { MAX_PICTURE_BYTES } from './pictures.js';
import { AdminListPage, DeleteMonsterPage } from './views/admin-pages.js';
import { MonsterFormPage } from './views/monster-form-page.js';

const PER_PAGE = 25;
const FORM_FIELDS = ['name', 'height', 'category', 'description', 'price', 'stock'] as const;

/** A multipart or urlencoded admin form: its text fields, and the picture if one was chosen. */
function formParts(body: unknown): { form: MonsterForm; upload: Buffer | undefined } {
  const fields = (body ?? {}) as Record<string, unknown>;
  const form = Object.fromEntries(
    FORM_FIELDS.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : undefined]),
  ) as MonsterForm;
  const upload = Buffer.isBuffer(fields.image) ? fields.image : undefined;
  return { form, upload };
}

/** `/admin/monsters…`: the catalogue managed through validated forms (SPEC §4). */
export const adminRoutes: FastifyPluginAsyncTypebox<{ uploadsDir: string }> = async (
  app,
  { uploadsDir },
) => {
  const db = app.database.db;
  // Multipart only here: its hooks would otherwise run on every request of the app.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
  });
  app.addHook('preHandler', requireAdmin);
  // A broken multipart body surfaces as the parser's plain Error: the client's fault, a 400.
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, _reply) => {
    if (error.statusCode === undefined && /multipart|part header|boundary/i.test(error.message)) {
      throw new HttpError(400, 'The form data could not be read (malformed multipart body).');
    }
    throw error;
  });

  const showForm = (
    reply: FastifyReply,
    status: number,
    values: MonsterForm,
    errors: Record<string, string> = {},
    monster?: { id: number; name: string; image: string | null },
  ) =>
    reply.page(
      (ctx) => <MonsterFormPage ctx={ctx} values={values} errors={errors} monster={monster} />,
      status,
    );

  /** Runs a save; a refused form comes back with its values and messages (422). */
  const save = async (
    request: FastifyRequest,
    reply: FastifyReply,
    monster: { id: number; name: string; image: string | null } | undefined,
  ) => {
    const lang = request.lang();
    const t = messagesFor(lang).admin;
    const { form, upload } = formParts(request.body);
    const read = readMonsterForm(form, lang);
    if ('errors' in read) return showForm(reply, 422, form, read.errors, monster);
    try {
      if (monster) await changeMonster(db, uploadsDir, monster.id, read.value, upload, lang);
      else await createMonster(db, uploadsDir, read.value, upload, lang);
      (await request.session()).flash(
        'success',
        monster ? t.updated(read.value.name) : t.created(read.value.name),
      );
      return reply.redirect('/admin/monsters', 303);
    } catch (error) {
      if (error instanceof HttpError && error.errors)
        return showForm(reply, 422, form, { ...error.errors }, monster);
      throw error;
    }
  };

  app.get(
    '/admin/monsters',
    { schema: { querystring: AdminListQuery } },
    async (request, reply) => {
      const q = request.query.q?.trim() ?? '';
      const result = await browseMonsters(app.database, {
        q,
        page: request.query.page,
        per_page: PER_PAGE,
        sort: 'id',
        order: 'desc',
      });
      return reply.page((ctx) => <AdminListPage ctx={ctx} result={result} q={q} />);
    },
  );

  app.get('/admin/monsters/new', async (_request, reply) => showForm(reply, 200, { stock: '0' }));

  app.post('/admin/monsters', async (request, reply) => save(request, reply, undefined));

  app.get<{ Params: { id: string } }>('/admin/monsters/:id/edit', async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    const values: MonsterForm = {
      name: monster.name,
      height: String(monster.height),
      category: monster.category,
      description: monster.description,
      price: centsToEuros(monster.price_cents),
      stock: String(monster.stock),
    };
    return showForm(reply, 200, values, {}, monster);
  });

  app.post<{ Params: { id: string } }>('/admin/monsters/:id', async (request, reply) =>
    save(request, reply, await getMonster(app.database, request.params.id)),
  );

  app.get<{ Params: { id: string } }>('/admin/monsters/:id/delete', async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return reply.page((ctx) => <DeleteMonsterPage ctx={ctx} monster={monster} />);
  });

  app.post<{ Params: { id: string } }>('/admin/monsters/:id/delete', async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    await removeMonster(db, uploadsDir, monster.id);
    (await request.session()).flash(
      'success',
      messagesFor(request.lang()).admin.deleted(monster.name),
    );
    return reply.redirect('/admin/monsters', 303);
  });
};
