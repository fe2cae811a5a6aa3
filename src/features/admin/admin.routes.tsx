import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Monster } from '../../db/monsters.queries.js';
import { requireAdmin } from '../../plugins/auth-guards.js';
import { refusalStatus } from '../../plugins/errors.js';
import { formErrors, type TypedValues } from '../../plugins/read-form.js';
import { asDomainError, type DomainError, type Translatable } from '../../shared/domain-error.js';
import { HttpError } from '../../shared/http-error.js';
import { refusalOf } from '../../views/form.js';
import {
  browseMonsters,
  categoryNames,
  getMonster,
  listCategoryChoices,
} from '../catalogue/index.js';
import { adminErrors, adminHttpTexts, adminMessages } from './admin.messages.js';
import {
  ADMIN_LIST_PER_PAGE,
  AdminListQuery,
  MAX_FORM_FIELD_BYTES,
  MAX_FORM_FIELDS,
  MAX_FORM_PARTS,
} from './admin.schemas.js';
import { changeMonster, createMonster, removeMonster } from './admin.service.js';
import {
  ADMIN_MONSTER_ROUTE,
  ADMIN_MONSTERS_PATH,
  DELETE_MONSTER_ROUTE,
  EDIT_MONSTER_ROUTE,
  editMonsterPath,
  NEW_MONSTER_PATH,
} from './admin-paths.js';
import { formValuesOf, readMonsterForm } from './monster-form.js';
import {
  detectPictureType,
  MAX_PICTURE_BYTES,
  MAX_PICTURE_MEGABYTES,
  PICTURE_TOO_LARGE,
  type PictureUpload,
} from './pictures.js';
import { AdminListPage, DeleteMonsterPage } from './views/admin-pages.js';
import { type EditedMonster, MonsterFormPage } from './views/monster-form-page.js';

const NEW_MONSTER: TypedValues = { stock: '0' };
/** The routes that save a monster form, with a picture. */
const SAVE_ROUTES = new Set([ADMIN_MONSTERS_PATH, ADMIN_MONSTER_ROUTE]);
/**
 * A form body larger than this is refused unread (docs/decisions/008): eight
 * times the picture limit, so a refused photo still gets its typed values
 * shown again, while what an administrator's browser can be made to send
 * (a forged form, refused by the CSRF check only once read) stays bounded.
 */
const MAX_FORM_BYTES = 8 * MAX_PICTURE_BYTES;

/** The picture of a multipart admin form: its bytes, too large, or none chosen. */
function pictureIn(body: unknown): PictureUpload {
  const image = (body as { image?: unknown } | null | undefined)?.image;
  return Buffer.isBuffer(image) || image === PICTURE_TOO_LARGE ? image : undefined;
}

/** A picture over the limit refuses the form, along with whatever else the form refused. */
function pictureTooLarge(otherFields: Readonly<Record<string, Translatable>> = {}): DomainError {
  const params = { megabytes: MAX_PICTURE_MEGABYTES };
  const image = adminErrors.pictureTooLarge(params);
  return adminErrors.pictureTooLarge(params, { fields: { ...otherFields, image } });
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

/** How the last save was refused, and whether the picture it carried has to be chosen again. */
interface FormRefusal {
  readonly error: DomainError;
  readonly pictureDropped?: boolean;
}

/**
 * Whether the page says to choose the picture again: a picture the browser
 * sent with a refused form is not kept (a file input cannot be filled
 * again), unless it was the picture refused, which says why instead.
 */
function pictureToChooseAgain({ error, pictureDropped = false }: FormRefusal): boolean {
  return pictureDropped && error.fields.image === undefined;
}

/**
 * The form's own refusal, along with what the picture's content says: a
 * file that is no picture is said at once, not after the admin picked it again.
 */
function withPictureChecked(error: DomainError, upload: Buffer | undefined): DomainError {
  if (!upload || upload.length === 0 || detectPictureType(upload)) return error;
  if (error.code !== formErrors.invalid.code) return error;
  return formErrors.invalid({
    fields: { ...error.fields, image: adminErrors.notAPicture() },
  });
}

/** `/admin/monsters…`: the catalogue managed through validated forms. */
export const adminRoutes: FastifyPluginAsyncTypebox<{ uploadsDir: string }> = async (
  app,
  { uploadsDir },
) => {
  const db = app.database.db;

  /** The new and edit forms; a refused one comes back with its status, messages and values. */
  const showForm = async (
    reply: FastifyReply,
    values: TypedValues,
    monster?: EditedMonster,
    refused?: FormRefusal,
  ): Promise<FastifyReply> => {
    const categories = await listCategoryChoices(app.database);
    return reply.page(
      (ctx) => (
        <MonsterFormPage
          ctx={ctx}
          values={values}
          monster={monster}
          categories={categories}
          refusal={refused && refusalOf(refused.error, ctx.lang)}
          chooseImageAgain={refused !== undefined && pictureToChooseAgain(refused)}
        />
      ),
      refusalStatus(reply, refused?.error),
    );
  };

  // First of all, before any body is read: an anonymous or customer upload is
  // refused unread, and only drained (docs/decisions/008).
  app.addHook('onRequest', requireAdmin);
  // Before the multipart parser's own hook: a body too large to read is refused unread.
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart() || !SAVE_ROUTES.has(request.routeOptions.url ?? '')) return;
    const length = Number(request.headers['content-length']);
    if (Number.isNaN(length)) throw new HttpError(411, { detail: adminHttpTexts.lengthRequired });
    if (length <= MAX_FORM_BYTES) return;
    const { id } = request.params as { id?: string };
    const monster = id === undefined ? undefined : await getMonster(app.database, id);
    // Too large to be read: the values typed are unknown, the stored ones are shown.
    const values = monster ? formValuesOf(monster, request.lang()) : NEW_MONSTER;
    return showForm(reply, values, monster, {
      error: pictureTooLarge(),
    });
  });
  // Multipart only here: its hooks would otherwise run on every request of the app.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile: readPicture,
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_PICTURE_BYTES,
      files: 1,
      fields: MAX_FORM_FIELDS,
      fieldSize: MAX_FORM_FIELD_BYTES,
      parts: MAX_FORM_PARTS,
    },
  });
  // A broken multipart body surfaces as the parser's plain Error: the client's fault, a 400.
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, _reply) => {
    if (error.statusCode === undefined && /multipart|part header|boundary/i.test(error.message)) {
      throw new HttpError(400, { detail: adminHttpTexts.malformedForm });
    }
    throw error;
  });

  /** Saves a monster form; a refused one comes back with what was typed. */
  const save = async (request: FastifyRequest, reply: FastifyReply, monster?: Monster) => {
    const form = readMonsterForm(request.body);
    const { values } = form;
    const upload = pictureIn(request.body);
    if (upload === PICTURE_TOO_LARGE) {
      const error = pictureTooLarge(form.ok ? {} : form.error.fields);
      return showForm(reply, values, monster, { error });
    }
    const pictureDropped = upload !== undefined && upload.length > 0;
    if (!form.ok) {
      const error = withPictureChecked(form.error, upload);
      return showForm(reply, values, monster, { error, pictureDropped });
    }
    const { monster: fields, newCategory, removeImage } = form.value;
    try {
      if (monster) {
        await changeMonster(db, uploadsDir, monster.id, fields, {
          upload,
          newCategory,
          removeImage,
        });
      } else {
        await createMonster(db, uploadsDir, fields, { upload, newCategory });
      }
    } catch (error) {
      return showForm(reply, values, monster, { error: asDomainError(error), pictureDropped });
    }
    const t = adminMessages[request.lang()];
    const { name } = fields;
    (await request.session()).flash('success', monster ? t.updated(name) : t.created(name));
    return reply.redirect(ADMIN_MONSTERS_PATH, 303);
  };

  app.get(
    ADMIN_MONSTERS_PATH,
    { schema: { querystring: AdminListQuery } },
    async (request, reply) => {
      const q = request.query.q?.trim() ?? '';
      const result = await browseMonsters(app.database, {
        q,
        page: request.query.page,
        per_page: ADMIN_LIST_PER_PAGE,
        sort: 'id',
        order: 'desc',
      });
      const names = await categoryNames(
        app.database,
        result.items.map((monster) => monster.category),
      );
      return reply.page((ctx) => (
        <AdminListPage ctx={ctx} result={result} categoryNames={names} q={q} />
      ));
    },
  );

  app.get(NEW_MONSTER_PATH, async (_request, reply) => showForm(reply, NEW_MONSTER));

  app.post(ADMIN_MONSTERS_PATH, async (request, reply) => save(request, reply));

  app.get<{ Params: { id: string } }>(EDIT_MONSTER_ROUTE, async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return showForm(reply, formValuesOf(monster, request.lang()), monster);
  });

  // The edit form's action: after a refused save, reloading or switching language lands here.
  app.get<{ Params: { id: string } }>(ADMIN_MONSTER_ROUTE, async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return reply.redirect(editMonsterPath(monster.id), 303);
  });

  app.post<{ Params: { id: string } }>(ADMIN_MONSTER_ROUTE, async (request, reply) =>
    save(request, reply, await getMonster(app.database, request.params.id)),
  );

  app.get<{ Params: { id: string } }>(DELETE_MONSTER_ROUTE, async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    return reply.page((ctx) => <DeleteMonsterPage ctx={ctx} monster={monster} />);
  });

  app.post<{ Params: { id: string } }>(DELETE_MONSTER_ROUTE, async (request, reply) => {
    const monster = await getMonster(app.database, request.params.id);
    await removeMonster(db, uploadsDir, monster.id);
    (await request.session()).flash('success', adminMessages[request.lang()].deleted(monster.name));
    return reply.redirect(ADMIN_MONSTERS_PATH, 303);
  });
};
