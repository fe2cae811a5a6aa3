import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { messagesFor } from '../../i18n/i18n.js';
import { requireAdmin } from '../../plugins/auth-guards.js';
import { HttpError } from '../../shared/http-error.js';
import type { Monster } from '../catalogue/catalogue.queries.js';
import { browseMonsters, getMonster } from '../catalogue/catalogue.service.js';
import { AdminListQuery, type MonsterForm } from './admin.schemas.js';
import { changeMonster, createMonster, removeMonster } from './admin.service.js';
import { centsToEuros, readMonsterForm } from './monster-input.js';
import { MAX_PICTURE_BYTES, PICTURE_TOO_LARGE, type PictureUpload } from './pictures.js';
import { AdminListPage, DeleteMonsterPage } from './views/admin-pages.js';
import { MonsterFormPage } from './views/monster-form-page.js';

const PER_PAGE = 25;
const FORM_FIELDS = ['name', 'height', 'category', 'description', 'price', 'stock'] as const;
const NEW_MONSTER: MonsterForm = { stock: '0' };
/** The routes that save a monster form, with a picture. */
const SAVE_ROUTES = new Set(['/admin/monsters', '/admin/monsters/:id']);
/**
 * A form body larger than this is refused unread (docs/decisions/008): eight
 * times the picture limit, so a refused photo still gets its typed values
 * shown again, while what an administrator's browser can be made to send
 * (a forged form, refused by the CSRF check only once read) stays bounded.
 */
const MAX_FORM_BYTES = 16 * 1024 * 1024;

/** A multipart or urlencoded admin form: its text fields, and the picture if one was chosen. */
function formParts(body: unknown): { form: MonsterForm; upload: PictureUpload } {
  const fields = (body ?? {}) as Record<string, unknown>;
  const form = Object.fromEntries(
    FORM_FIELDS.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : undefined]),
  ) as MonsterForm;
  const image = fields.image;
  const upload = Buffer.isBuffer(image) || image === PICTURE_TOO_LARGE ? image : undefined;
  return { form, upload };
}

/**
 * Keeps a picture within the limit; one over it is read to its end, but only
 * marked as too large. The form sends its CSRF token before the picture: a
 * forged form is refused before its picture is read.
 */
async function readPicture(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const token = part.fields._csrf;
  if (token && 'value' in token && typeof token.value === 'string') {
    await this.verifyCsrfToken(token.value);
  }
  const bytes = await part.toBuffer();
  part.value = part.file.truncated ? PICTURE_TOO_LARGE : bytes;
}

/** The stored monster as its edit form shows it. */
function formValuesOf(monster: Monster): MonsterForm {
  return {
    name: monster.name,
    height: String(monster.height),
    category: monster.category,
    description: monster.description,
    price: centsToEuros(monster.price_cents),
    stock: String(monster.stock),
  };
}

/** `/admin/monsters…`: the catalogue managed through validated forms. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ uploadsDir: string }> = async (
  app,
  { uploadsDir },
) => {
  const db = app.database.db;
  // First of all, before any body is read: an anonymous or customer upload is
  // refused unread, and only drained (docs/decisions/008).
  app.addHook('onRequest', requireAdmin);
  // Before the multipart parser's own hook: a body too large to read is refused unread.
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart() || !SAVE_ROUTES.has(request.routeOptions.url ?? '')) return;
    const length = Number(request.headers['content-length']);
    if (Number.isNaN(length)) {
      throw new HttpError(411, 'Send the form with a Content-Length header, as browsers do.');
    }
    if (length <= MAX_FORM_BYTES) return;
    const { id } = request.params as { id?: string };
    const monster = id === undefined ? undefined : await getMonster(app.database, id);
    const error = { image: messagesFor(request.lang()).admin.pictureTooLarge };
    return showForm(reply, 413, monster ? formValuesOf(monster) : NEW_MONSTER, error, monster);
  });
  // Multipart only here: its hooks would otherwise run on every request of the app.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: readPicture,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_PICTURE_BYTES, files: 1, fields: 20, fieldSize: 100_000, parts: 25 },
  });
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

  /** Runs a save; a refused form comes back with its values and messages (413, 422). */
  const save = async (
    request: FastifyRequest,
    reply: FastifyReply,
    monster: { id: number; name: string; image: string | null } | undefined,
  ) => {
    const lang = request.lang();
    const t = messagesFor(lang).admin;
    const { form, upload } = formParts(request.body);
    const read = readMonsterForm(form, lang);
    if (upload === PICTURE_TOO_LARGE) {
      const errors = { ...('errors' in read && read.errors), image: t.pictureTooLarge };
      return showForm(reply, 413, form, errors, monster);
    }
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

  app.get('/admin/monsters/new', async (_request, reply) => showForm(reply, 200, NEW_MONSTER));

  app.post('/admin/monsters', async (request, reply) => save(request, reply, undefined));

  app.get<{ Params: { id: string } }>('/admin/monsters/:id/edit', async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return showForm(reply, 200, formValuesOf(monster), {}, monster);
  });

  // The edit form's action: after a refused save, reloading or switching language lands here.
  app.get<{ Params: { id: string } }>('/admin/monsters/:id', async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return reply.redirect(`/admin/monsters/${monster.id}/edit`, 303);
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
