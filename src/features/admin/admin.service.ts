import { type Category, insertCategory, listCategories } from '../../db/categories.queries.js';
import type { DB } from '../../db/connection.js';
import { adminErrors } from './admin.messages.js';
import * as queries from './admin.queries.js';
import type { MonsterInput } from './admin.schemas.js';
import {
  detectPictureType,
  removeUploadedPicture,
  type StagedPicture,
  stagePicture,
} from './pictures.js';

/** Checks an upload by content and stages it; undefined when no file was chosen. */
async function stageUpload(
  uploadsDir: string,
  upload: Buffer | undefined,
): Promise<StagedPicture | undefined> {
  if (!upload || upload.length === 0) return undefined;
  const type = detectPictureType(upload);
  if (!type) throw adminErrors.notAPicture({ field: 'image' });
  return stagePicture(uploadsDir, upload, type);
}

/** Saves the row, then publishes the picture; a failed save leaves no file behind. */
async function withPicture<T>(
  staged: StagedPicture | undefined,
  save: () => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await save();
  } catch (error) {
    await staged?.discard();
    throw error;
  }
  await staged?.publish();
  return result;
}

/** A name as a reader tells names apart: case and accents aside. */
function comparable(name: string): string {
  return name.normalize('NFD').replaceAll(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
}

/**
 * Refuses a new category named, in English or in French, like another one:
 * the picker and the filter would list two categories alike.
 */
async function refuseTakenNames(db: DB, newCategory: Category): Promise<void> {
  const others = (await listCategories(db)).filter(({ slug }) => slug !== newCategory.slug);
  const takenNames = (['name_en', 'name_fr'] as const).flatMap((language) => {
    const wanted = comparable(newCategory[language]);
    const other = others.find((category) => comparable(category[language]) === wanted);
    return other ? [{ field: `new_category_${language}`, name: other[language] }] : [];
  });
  const [first] = takenNames;
  if (!first) return;
  const fields = Object.fromEntries(
    takenNames.map(({ field, name }) => [field, adminErrors.categoryNameTaken({ name })]),
  );
  throw adminErrors.categoryNameTaken({ name: first.name }, { fields });
}

/**
 * Creates the category typed with the monster, or checks that the one it
 * names exists (a monster's current category stays valid even unnamed):
 * the shop never makes a category out of a typo.
 */
async function settleCategory(
  db: DB,
  slug: string | undefined,
  newCategory: Category | undefined,
  currentSlug?: string,
): Promise<void> {
  if (newCategory) {
    // A slug taken says so first: that category is the one to choose.
    if (await insertCategory(db, newCategory)) return refuseTakenNames(db, newCategory);
    throw adminErrors.categoryExists({ slug: newCategory.slug }, { field: 'new_category_slug' });
  }
  if (slug === undefined || slug === currentSlug) return;
  const known = await queries.listCategorySlugs(db);
  if (!known.includes(slug)) {
    throw adminErrors.unknownCategory({ slug, known }, { field: 'category' });
  }
}

/** What the admin form adds to a monster's fields: a picture, a category to create. */
export interface MonsterExtras {
  readonly upload?: Buffer | undefined;
  readonly newCategory?: Category | undefined;
}

export async function createMonster(
  db: DB,
  uploadsDir: string,
  input: MonsterInput,
  { upload, newCategory }: MonsterExtras = {},
): Promise<number> {
  const staged = await stageUpload(uploadsDir, upload);
  return withPicture(staged, () =>
    db.transaction().execute(async (trx) => {
      await settleCategory(trx, input.category, newCategory);
      return queries.insertMonster(trx, { ...input, image: staged?.url ?? null });
    }),
  );
}

/** What an edit may also do: a new picture replaces the current one; otherwise it may be removed. */
export interface ChangeExtras extends MonsterExtras {
  readonly removeImage?: boolean;
}

/**
 * The picture column's new value: the staged upload's URL, null when
 * removed, undefined when it stays as it is.
 */
function imageChange(
  staged: StagedPicture | undefined,
  remove: boolean,
): string | null | undefined {
  if (staged) return staged.url;
  return remove ? null : undefined;
}

/** Replaces (PUT, forms) or patches (PATCH) a monster, and its picture when one is given. */
export async function changeMonster(
  db: DB,
  uploadsDir: string,
  id: number,
  changes: Partial<MonsterInput>,
  { upload, newCategory, removeImage = false }: ChangeExtras = {},
): Promise<void> {
  const existing = await queries.findEditedMonster(db, id);
  if (!existing) throw adminErrors.unknownMonster();
  const staged = await stageUpload(uploadsDir, upload);
  const image = imageChange(staged, removeImage);
  await withPicture(staged, () =>
    db.transaction().execute(async (trx) => {
      await settleCategory(trx, changes.category, newCategory, existing.category);
      const found = await queries.updateMonster(
        trx,
        id,
        image === undefined ? changes : { ...changes, image },
      );
      if (!found) throw adminErrors.unknownMonster();
    }),
  );
  if (image !== undefined && existing.image !== image) {
    await removeUploadedPicture(uploadsDir, existing.image);
  }
}

/**
 * Deletes a monster. Past orders keep their snapshot lines (their monster_id
 * becomes null); carts holding it simply stop showing it.
 */
export async function removeMonster(db: DB, uploadsDir: string, id: number): Promise<void> {
  const existing = await queries.findEditedMonster(db, id);
  if (!existing || !(await queries.deleteMonster(db, id))) throw adminErrors.unknownMonster();
  await removeUploadedPicture(uploadsDir, existing.image);
}
