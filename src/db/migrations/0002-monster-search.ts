import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * Full-text search over monsters (name, category, description), case- and
 * accent-insensitive (SPEC §4 `/search`), on a real index on both engines:
 *
 * - SQLite: an FTS5 external-content table (the rows stay in `monsters`;
 *   FTS5 keeps only the index), `unicode61 remove_diacritics 2` folds case
 *   and accents, prefix indexes make short prefixes (`a*`, `gh*`) cheap,
 *   triggers keep it in sync.
 * - PostgreSQL: a `monsters_search` table holding one weighted `tsvector`
 *   per monster (name A, category B, description C) under a GIN index, kept
 *   in sync by a trigger. Text is unaccented and ASCII punctuation becomes a
 *   space first, so both engines split words the same way.
 *
 * Both are side tables, so `SELECT * FROM monsters` stays the course's shape
 * (SPEC §3), and stock updates (checkout) never touch the search index.
 * The queries live in src/features/catalogue/search.queries.ts.
 *
 * Also the indexes of the catalogue filtered by category and sorted
 * (`/monsters?category=cosmic&sort=name`): without them such a page sorts
 * every monster of the category (SPEC §8).
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
  if (dialect === 'sqlite') await upSqlite(db);
  else await upPostgres(db);
}

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  for (const column of CATEGORY_SORT_COLUMNS) {
    await db.schema.dropIndex(`monsters_category_${column}_idx`).ifExists().execute();
  }
  if (dialect === 'sqlite') {
    for (const trigger of ['insert', 'delete', 'update']) {
      await sql`drop trigger if exists ${sql.id(`monsters_fts_after_${trigger}`)}`.execute(db);
    }
    await sql`drop table if exists monsters_fts`.execute(db);
    return;
  }
  await sql`drop trigger if exists monsters_search_sync on monsters`.execute(db);
  await sql`drop function if exists monsters_search_sync()`.execute(db);
  await sql`drop table if exists monsters_search`.execute(db);
  await sql`drop function if exists monsters_search_document(text, text, text)`.execute(db);
  await sql`drop function if exists monsters_unaccent(text)`.execute(db);
  await sql`drop extension if exists unaccent`.execute(db);
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
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
    create table monsters_search (
      id integer primary key references monsters (id) on delete cascade on update cascade,
      document tsvector not null
    )`.execute(db);
  await sql`create index monsters_search_document_idx on monsters_search using gin (document)`.execute(
    db,
  );
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
    select id, monsters_search_document(name, category, description) from monsters`.execute(db);
}
