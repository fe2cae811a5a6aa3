import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * What the catalogue's read paths need to stay fast on a large catalogue
 * (docs/requirements.md §8), on both engines. Side tables only, so `SELECT * FROM monsters`
 * keeps the course's shape (docs/requirements.md §3). The queries live in
 * src/features/catalogue/*.queries.ts.
 *
 * 1. Full-text search over name, category and description, case- and
 *    accent-insensitive (docs/requirements.md §4 `/search`):
 *    - SQLite: an FTS5 external-content table (the rows stay in `monsters`;
 *      FTS5 keeps only the index); `unicode61 remove_diacritics 2` folds
 *      case and accents; prefix indexes make short prefixes (`a*`) cheap.
 *    - PostgreSQL: `monsters_search`, one weighted `tsvector` per monster
 *      (name A, category B, description C) under a GIN index. Text is
 *      unaccented and ASCII punctuation becomes a space first, so both
 *      engines split words the same way.
 *    Triggers keep them in sync; stock updates (checkout) never touch them.
 * 2. `(category, column, id)` indexes: a list filtered by category and
 *    sorted (`/monsters?category=cosmic&sort=name`) reads just one page.
 * 3. `monster_category_counts`, kept by triggers: the totals of the list
 *    pages and the category filter's options without counting rows
 *    (PostgreSQL's `count(*)` reads the whole table).
 */
const CATEGORY_SORT_COLUMNS = ['name', 'height', 'price_cents'];

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const column of CATEGORY_SORT_COLUMNS) {
    await db.schema
      .createIndex(`monsters_category_${column}_idx`)
      .on('monsters')
      .columns(['category', column, 'id'])
      .execute();
  }
  await db.schema
    .createTable('monster_category_counts')
    .addColumn('category', 'text', (col) => col.primaryKey())
    .addColumn('count', 'integer', (col) => col.notNull().check(sql`count >= 0`))
    .execute();
  if (dialect === 'sqlite') await upSqlite(db);
  else await upPostgres(db);
  await sql`
    insert into monster_category_counts (category, count)
    select category, count(*) from monsters group by category`.execute(db);
}

/** Search indexes and category counts are derived from `monsters` and rebuilt by `up`. */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const trigger of [
      'monster_category_counts_after_insert',
      'monster_category_counts_after_delete',
      'monster_category_counts_after_update',
    ]) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await dropSqliteSearch(db);
  } else {
    await dropPostgresSearchSync(db);
    await sql`drop table if exists monsters_search`.execute(db);
    await sql`drop function if exists monsters_unaccent(text)`.execute(db);
    await sql`drop extension if exists unaccent`.execute(db);
    for (const trigger of ['', '_update', '_truncate']) {
      await sql`drop trigger if exists ${sql.id(`monster_category_counts_sync${trigger}`)} on monsters`.execute(
        db,
      );
    }
    await sql`drop function if exists monster_category_counts_sync()`.execute(db);
  }
  await db.schema.dropTable('monster_category_counts').ifExists().execute();
  for (const column of CATEGORY_SORT_COLUMNS) {
    await db.schema.dropIndex(`monsters_category_${column}_idx`).ifExists().execute();
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await createSqliteSearch(db);
  await createSqliteCategoryCounts(db);
}

/**
 * The search index of this migration: also what migration 0008's `down`
 * puts back (the rows of `monsters` are indexed again).
 */
export async function createSqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`
    create virtual table monsters_fts using fts5(
      name, category, description,
      content = 'monsters', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  // An external-content index must be told the old values to forget them.
  await sql`
    create trigger monsters_fts_after_insert after insert on monsters begin
      insert into monsters_fts (rowid, name, category, description)
      values (new.id, new.name, new.category, new.description);
    end`.execute(db);
  await sql`
    create trigger monsters_fts_after_delete after delete on monsters begin
      insert into monsters_fts (monsters_fts, rowid, name, category, description)
      values ('delete', old.id, old.name, old.category, old.description);
    end`.execute(db);
  await sql`
    create trigger monsters_fts_after_update
    after update of id, name, category, description on monsters begin
      insert into monsters_fts (monsters_fts, rowid, name, category, description)
      values ('delete', old.id, old.name, old.category, old.description);
      insert into monsters_fts (rowid, name, category, description)
      values (new.id, new.name, new.category, new.description);
    end`.execute(db);
  await sql`insert into monsters_fts (monsters_fts) values ('rebuild')`.execute(db);
}

export async function dropSqliteSearch(db: Kysely<unknown>): Promise<void> {
  for (const trigger of [
    'monsters_fts_after_insert',
    'monsters_fts_after_delete',
    'monsters_fts_after_update',
  ]) {
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table if exists monsters_fts`.execute(db);
}

async function createSqliteCategoryCounts(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger monster_category_counts_after_insert after insert on monsters begin
      insert into monster_category_counts (category, count) values (new.category, 1)
      on conflict (category) do update set count = count + 1;
    end`.execute(db);
  await sql`
    create trigger monster_category_counts_after_delete after delete on monsters begin
      update monster_category_counts set count = count - 1 where category = old.category;
    end`.execute(db);
  await sql`
    create trigger monster_category_counts_after_update after update of category on monsters
    when old.category is not new.category begin
      update monster_category_counts set count = count - 1 where category = old.category;
      insert into monster_category_counts (category, count) values (new.category, 1)
      on conflict (category) do update set count = count + 1;
    end`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  // unaccent is a trusted extension (PostgreSQL ≥ 13): the database owner may create it.
  await sql`create extension if not exists unaccent with schema public`.execute(db);
  // unaccent() is only STABLE (its dictionary could change); pinning the
  // dictionary makes it safe to declare IMMUTABLE for stored documents.
  await sql`
    create function monsters_unaccent(text) returns text
    language sql immutable strict parallel safe
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  await sql`
    create table monsters_search (
      id integer primary key references monsters (id) on delete cascade on update cascade,
      document tsvector not null
    )`.execute(db);
  await sql`create index monsters_search_document_idx on monsters_search using gin (document)`.execute(
    db,
  );
  await createPostgresSearchSync(db);
  await createPostgresCategoryCounts(db);
}

/**
 * How this migration fills `monsters_search`: also what migration 0008's
 * `down` puts back (every monster's document is computed again).
 */
export async function createPostgresSearchSync(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function monsters_search_document(name text, category text, description text)
    returns tsvector
    language sql immutable parallel safe
    as $$
      select
        setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(name), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(category), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'B')
        || setweight(to_tsvector('simple', regexp_replace(monsters_unaccent(description), '[!-/:-@[-\`{-~]+', ' ', 'g')), 'C')
    $$`.execute(db);
  await sql`
    create function monsters_search_sync() returns trigger
    language plpgsql
    as $$
    begin
      insert into monsters_search (id, document)
      values (new.id, monsters_search_document(new.name, new.category, new.description))
      on conflict (id) do update set document = excluded.document;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger monsters_search_sync
    after insert or update of name, category, description on monsters
    for each row execute function monsters_search_sync()`.execute(db);
  await sql`
    insert into monsters_search (id, document)
    select id, monsters_search_document(name, category, description) from monsters
    on conflict (id) do update set document = excluded.document`.execute(db);
}

export async function dropPostgresSearchSync(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists monsters_search_sync on monsters`.execute(db);
  await sql`drop function if exists monsters_search_sync()`.execute(db);
  await sql`drop function if exists monsters_search_document(text, text, text)`.execute(db);
}

async function createPostgresCategoryCounts(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function monster_category_counts_sync() returns trigger
    language plpgsql
    as $$
    begin
      if tg_op = 'TRUNCATE' then
        delete from monster_category_counts;
        return null;
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        update monster_category_counts set count = count - 1 where category = old.category;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into monster_category_counts (category, count) values (new.category, 1)
        on conflict (category) do update set count = monster_category_counts.count + 1;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger monster_category_counts_sync after insert or delete on monsters
    for each row execute function monster_category_counts_sync()`.execute(db);
  await sql`
    create trigger monster_category_counts_sync_update after update of category on monsters
    for each row when (old.category is distinct from new.category)
    execute function monster_category_counts_sync()`.execute(db);
  await sql`
    create trigger monster_category_counts_sync_truncate after truncate on monsters
    for each statement execute function monster_category_counts_sync()`.execute(db);
}
