import { type Kysely, sql } from 'kysely';
import { defaultCategoryNames } from '../category-names.js';
import type { Dialect } from '../connection.js';
import {
  createPostgresSearchSync,
  createSqliteSearch,
  dropPostgresSearchSync,
  dropSqliteSearch,
} from './0002-monster-search.js';

/**
 * The catalogue in English and French (docs/requirements.md §3):
 *
 * 1. `monsters.description_fr`, added last so that `SELECT * FROM monsters`
 *    keeps the course's shape; empty means "not translated yet" (the English
 *    one stands in).
 * 2. `categories`: each slug's name in both languages. Every category already
 *    used gets one: the demo catalogue's own names, else one read from the slug.
 *    Monsters keep naming their category by slug, with no foreign key, so the
 *    course's `INSERT INTO monsters` works with any category.
 * 3. Search sees the French description and the category's names in both
 *    languages, accents aside, on both engines (the index of 0002, rebuilt):
 *    - SQLite: the FTS5 table becomes contentless with deletes by rowid, fed
 *      from the view `monsters_search_source` (a monster joined to its
 *      category's names). Renaming a category re-indexes its monsters
 *      without having to restate what was indexed before.
 *    - PostgreSQL: the document gains the category's names (weight B) and the
 *      French description (weight C); triggers on `categories` recompute the
 *      documents of its monsters.
 */
const SLUG_PATTERN = /^[a-z0-9-]{1,50}$/;

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('monsters')
    .addColumn('description_fr', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('categories')
    .addColumn('slug', 'text', (col) =>
      col
        .primaryKey()
        .check(
          dialect === 'postgres'
            ? sql`slug ~ '^[a-z0-9-]{1,50}$'`
            : sql`length(slug) between 1 and 50 and slug not glob '*[^a-z0-9-]*'`,
        ),
    )
    .addColumn('name_en', 'text', (col) =>
      col.notNull().check(sql`length(name_en) between 1 and 100`),
    )
    .addColumn('name_fr', 'text', (col) =>
      col.notNull().check(sql`length(name_fr) between 1 and 100`),
    )
    .execute();
  await nameUsedCategories(db);
  if (dialect === 'sqlite') {
    await dropSqliteSearch(db);
    await createBilingualSqliteSearch(db);
  } else {
    await dropPostgresSearchSync(db);
    await createBilingualPostgresSearch(db);
  }
}

/**
 * The category names and the French descriptions exist nowhere else: a
 * rollback loses them (the demo catalogue's come back with the next `up`).
 */
export const dataTables = ['categories'];

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await dropBilingualSqliteSearch(db);
  } else {
    await dropBilingualPostgresSearch(db);
  }
  await db.schema.dropTable('categories').execute();
  await db.schema.alterTable('monsters').dropColumn('description_fr').execute();
  if (dialect === 'sqlite') await createSqliteSearch(db);
  else await createPostgresSearchSync(db);
}

/** A row of `categories` for each valid slug monsters use (others show a name read from the slug). */
async function nameUsedCategories(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ category: string }>`
    select distinct category from monsters order by category`.execute(db);
  const named = rows
    .map((row) => row.category)
    .filter((slug) => SLUG_PATTERN.test(slug))
    .map((slug) => ({ slug, ...defaultCategoryNames(slug) }));
  for (const category of named) {
    await sql`
      insert into categories (slug, name_en, name_fr)
      values (${category.slug}, ${category.name_en}, ${category.name_fr})`.execute(db);
  }
}

const SQLITE_TRIGGERS = [
  'monsters_fts_after_insert',
  'monsters_fts_after_delete',
  'monsters_fts_after_update',
  'categories_fts_after_insert',
  'categories_fts_after_delete',
  'categories_fts_after_update',
];

/** Re-indexes the monsters matching `where` (a condition on `monsters`) from the view. */
function sqliteReindex(where: string): string {
  return `
    delete from monsters_fts where rowid in (select id from monsters where ${where});
    insert into monsters_fts (rowid, name, category, description, description_fr)
    select id, name, category, description, description_fr from monsters_search_source
    where id in (select id from monsters where ${where});`;
}

async function createBilingualSqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`
    create view monsters_search_source as
    select monsters.id, monsters.name,
      monsters.category
        || coalesce(' ' || categories.name_en || ' ' || categories.name_fr, '') as category,
      monsters.description, monsters.description_fr
    from monsters left join categories on categories.slug = monsters.category`.execute(db);
  await sql`
    create virtual table monsters_fts using fts5(
      name, category, description, description_fr,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  const triggers: Record<string, string> = {
    monsters_fts_after_insert: `after insert on monsters begin
      ${sqliteReindex('id = new.id')} end`,
    monsters_fts_after_delete: `after delete on monsters begin
      delete from monsters_fts where rowid = old.id; end`,
    monsters_fts_after_update: `after update of id, name, category, description, description_fr
      on monsters begin
      delete from monsters_fts where rowid = old.id;
      ${sqliteReindex('id = new.id')} end`,
    categories_fts_after_insert: `after insert on categories begin
      ${sqliteReindex('category = new.slug')} end`,
    categories_fts_after_delete: `after delete on categories begin
      ${sqliteReindex('category = old.slug')} end`,
    categories_fts_after_update: `after update on categories begin
      ${sqliteReindex('category in (old.slug, new.slug)')} end`,
  };
  for (const [name, body] of Object.entries(triggers)) {
    await sql.raw(`create trigger ${name} ${body}`).execute(db);
  }
  await sql`
    insert into monsters_fts (rowid, name, category, description, description_fr)
    select id, name, category, description, description_fr from monsters_search_source`.execute(db);
}

async function dropBilingualSqliteSearch(db: Kysely<unknown>): Promise<void> {
  for (const trigger of SQLITE_TRIGGERS) {
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table if exists monsters_fts`.execute(db);
  await sql`drop view if exists monsters_search_source`.execute(db);
}

async function createBilingualPostgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function monsters_search_document(
      name text, category text, description text, description_fr text
    )
    returns tsvector
    language sql immutable parallel safe
    as $$
      select
        setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(name), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(category), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'B')
        || setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(description || ' ' || description_fr), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'C')
    $$`.execute(db);
  // A category's words: its slug and, when it has them, its names.
  await sql`
    create function monsters_category_words(slug text) returns text
    language sql stable strict parallel safe
    as $$
      select $1 || coalesce(
        (select ' ' || name_en || ' ' || name_fr from categories where categories.slug = $1),
        '')
    $$`.execute(db);
  await sql`
    create function monsters_search_sync() returns trigger
    language plpgsql
    as $$
    begin
      insert into monsters_search (id, document)
      values (new.id, monsters_search_document(
        new.name, monsters_category_words(new.category), new.description, new.description_fr))
      on conflict (id) do update set document = excluded.document;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger monsters_search_sync
    after insert or update of name, category, description, description_fr on monsters
    for each row execute function monsters_search_sync()`.execute(db);
  // OLD is null on insert and NEW on delete: `in` then compares with the other slug only.
  await sql`
    create function monsters_search_sync_category() returns trigger
    language plpgsql
    as $$
    begin
      update monsters_search set document = monsters_search_document(
        monsters.name, monsters_category_words(monsters.category),
        monsters.description, monsters.description_fr)
      from monsters
      where monsters_search.id = monsters.id and monsters.category in (old.slug, new.slug);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger monsters_search_sync_category
    after insert or update or delete on categories
    for each row execute function monsters_search_sync_category()`.execute(db);
  await sql`
    insert into monsters_search (id, document)
    select id, monsters_search_document(
      name, monsters_category_words(category), description, description_fr)
    from monsters
    on conflict (id) do update set document = excluded.document`.execute(db);
}

async function dropBilingualPostgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists monsters_search_sync_category on categories`.execute(db);
  await sql`drop function if exists monsters_search_sync_category()`.execute(db);
  await sql`drop trigger if exists monsters_search_sync on monsters`.execute(db);
  await sql`drop function if exists monsters_search_sync()`.execute(db);
  await sql`drop function if exists monsters_category_words(text)`.execute(db);
  await sql`drop function if exists monsters_search_document(text, text, text, text)`.execute(db);
}
