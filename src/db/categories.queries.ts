import type { DB } from './connection.js';
import type { CategoryRow } from './tables.js';

/**
 * A category's names in both languages. Monsters name their category by its
 * slug, which never changes and reads the same in both languages; a slug
 * without a row is shown by a name read from it (localized-monster.ts of the
 * catalogue). Shared here, beside the monster, because the catalogue shows
 * the names and the admin writes them (docs/architecture.md "Boundaries").
 */
export type Category = Readonly<CategoryRow>;

/** The names of categories by slug. */
export type CategoryNames = ReadonlyMap<string, Category>;

/** Every named category, by English name (a picker sorts them in its own language). */
export function listCategories(db: DB): Promise<Category[]> {
  return db
    .selectFrom('categories')
    .select(['slug', 'name_en', 'name_fr'])
    .orderBy('name_en')
    .orderBy('slug')
    .execute();
}

/** The names of these categories (every category without `slugs`); unnamed slugs are left out. */
export async function findCategoryNames(
  db: DB,
  slugs?: readonly string[],
): Promise<Map<string, Category>> {
  const wanted = slugs === undefined ? undefined : [...new Set(slugs)];
  if (wanted?.length === 0) return new Map();
  let query = db.selectFrom('categories').select(['slug', 'name_en', 'name_fr']);
  if (wanted !== undefined) query = query.where('slug', 'in', wanted);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.slug, row]));
}

/** Adds a category unless its slug exists; says whether it was added. */
export async function insertCategory(db: DB, category: Category): Promise<boolean> {
  const result = await db
    .insertInto('categories')
    .values({ slug: category.slug, name_en: category.name_en, name_fr: category.name_fr })
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Adds a category, or renames it when its slug exists. */
export async function upsertCategory(db: DB, category: Category): Promise<void> {
  await db
    .insertInto('categories')
    .values({ slug: category.slug, name_en: category.name_en, name_fr: category.name_fr })
    .onConflict((conflict) =>
      conflict.column('slug').doUpdateSet({ name_en: category.name_en, name_fr: category.name_fr }),
    )
    .execute();
}
