import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';
import { createdAt, timestampType, withIdColumn } from './column-types.js';

/**
 * Every column of `monsters` but `name` and `height` gets a default, so the
 * course's own `INSERT INTO monsters(id, name, height) VALUES (42, 'Blob', 300)`
 * works on the real schema (docs/requirements.md §3). Such a monster is
 * "Unsorted", not for sale (price 0) and sold out (stock 0) until an admin
 * says otherwise; the shop shows it so.
 *
 * PostgreSQL alters the defaults in place. SQLite cannot change a column's
 * default: the table is rebuilt the way SQLite documents it
 * (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign keys
 * off (src/db/migrator.ts turns them off around migrations), a new table
 * takes the rows, replaces the old one, and gets back its indexes, the
 * triggers and views that read it, and its AUTOINCREMENT counter; then
 * `PRAGMA foreign_key_check` must find nothing before the commit
 * (src/db/migrations/index.ts checks after every migration).
 *
 * On the way, SQLite's search index of 0008 becomes an ordinary FTS5 table
 * (it keeps a copy of the words it indexes): a contentless one with deletes
 * (`contentless_delete`) needs SQLite 3.43, and the `sqlite3` shell of
 * Debian 12 (3.40) could then not run the course's INSERT, whose triggers
 * update the index. Same columns, rows and triggers either way.
 */
export const UNSORTED = { slug: 'unsorted', name_en: 'Unsorted', name_fr: 'Non classés' };

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`
    insert into categories (slug, name_en, name_fr)
    values (${UNSORTED.slug}, ${UNSORTED.name_en}, ${UNSORTED.name_fr})
    on conflict (slug) do nothing`.execute(db);
  if (dialect === 'sqlite') {
    await rebuildSqliteMonsters(db, { withDefaults: true, contentlessSearch: false });
    return;
  }
  await sql`
    alter table monsters
      alter column category set default ${sql.lit(UNSORTED.slug)},
      alter column price_cents set default 0`.execute(db);
}

/** Every row stays: only defaults change (and the "Unsorted" category goes when unused). */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await rebuildSqliteMonsters(db, { withDefaults: false, contentlessSearch: true });
  } else {
    await sql`
      alter table monsters
        alter column category drop default,
        alter column price_cents drop default`.execute(db);
  }
  await sql`
    delete from categories where slug = ${UNSORTED.slug}
    and not exists (select 1 from monsters where category = ${UNSORTED.slug})`.execute(db);
}

/**
 * The columns of `monsters` as migrations 0001 and 0008 made them, in that
 * order (`SELECT *` starts with id, name, height), with or without the
 * defaults of this migration.
 */
function monstersTable(
  db: Kysely<unknown>,
  name: string,
  { withDefaults }: { readonly withDefaults: boolean },
): CreateTableBuilder<string, string> {
  const ts = timestampType('sqlite');
  return withIdColumn(db.schema.createTable(name), 'sqlite')
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('height', 'integer', (col) => col.notNull().check(sql`height >= 0`))
    .addColumn('category', 'text', (col) => {
      const checked = col.notNull().check(sql`length(category) between 1 and 50`);
      return withDefaults ? checked.defaultTo(UNSORTED.slug) : checked;
    })
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('price_cents', 'integer', (col) => {
      const checked = col.notNull().check(sql`price_cents >= 0`);
      return withDefaults ? checked.defaultTo(0) : checked;
    })
    .addColumn('stock', 'integer', (col) => col.notNull().defaultTo(0).check(sql`stock >= 0`))
    .addColumn('image', 'text')
    .addColumn('created_at', ts, createdAt('sqlite'))
    .addColumn('updated_at', ts, createdAt('sqlite'))
    .addColumn('description_fr', 'text', (col) => col.notNull().defaultTo(''));
}

const MONSTER_COLUMNS = sql.raw(
  [
    'id',
    'name',
    'height',
    'category',
    'description',
    'price_cents',
    'stock',
    'image',
    'created_at',
    'updated_at',
    'description_fr',
  ].join(', '),
);

interface SchemaObject {
  readonly type: 'index' | 'trigger' | 'view';
  readonly name: string;
  readonly sql: string;
}

/** Indexes, views and triggers to put back once rebuilt, in an order where each finds what it reads. */
const RECREATE_ORDER: Readonly<Record<SchemaObject['type'], number>> = {
  index: 0,
  view: 1,
  trigger: 2,
};

interface RebuildOptions {
  readonly withDefaults: boolean;
  /** The search index as 0008 made it (contentless), or as an ordinary FTS5 table. */
  readonly contentlessSearch: boolean;
}

async function rebuildSqliteMonsters(db: Kysely<unknown>, options: RebuildOptions): Promise<void> {
  const { rows: foreignKeys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(
    db,
  );
  if (foreignKeys[0]?.foreign_keys !== 0) {
    // Dropping `monsters` with foreign keys on would delete its monster_views and unlink its order lines.
    throw new Error(
      'rebuilding monsters needs foreign keys off: run it through src/db/migrator.ts',
    );
  }
  // Whatever reads `monsters` (its indexes, the triggers and views of 0002 and 0008, any later one).
  const { rows: dependents } = await sql<SchemaObject>`
    select type, name, sql from sqlite_schema
    where sql is not null and (
      (type = 'index' and tbl_name = 'monsters')
      or (type in ('trigger', 'view') and (tbl_name = 'monsters' or sql like '%monsters%')))
    order by rowid`.execute(db);
  const { rows: sequence } = await sql<{ seq: number }>`
    select seq from sqlite_sequence where name = 'monsters'`.execute(db);

  for (const object of dependents.filter((found) => found.type !== 'index').reverse()) {
    await sql`${sql.raw(`drop ${object.type}`)} ${sql.id(object.name)}`.execute(db);
  }
  await monstersTable(db, 'monsters_rebuilt', options).execute();
  await sql`insert into monsters_rebuilt (${MONSTER_COLUMNS})
    select ${MONSTER_COLUMNS} from monsters`.execute(db);
  await sql`drop table monsters`.execute(db);
  await sql`alter table monsters_rebuilt rename to monsters`.execute(db);
  // AUTOINCREMENT never gives a deleted monster's id again: its counter comes along.
  await sql`delete from sqlite_sequence where name = 'monsters'`.execute(db);
  if (sequence[0]) {
    await sql`insert into sqlite_sequence (name, seq) values ('monsters', ${sequence[0].seq})`.execute(
      db,
    );
  }
  await replaceSqliteSearchTable(db, options);
  const inOrder = dependents.toSorted((a, b) => RECREATE_ORDER[a.type] - RECREATE_ORDER[b.type]);
  for (const object of inOrder) await sql.raw(object.sql).execute(db);
  await sql`
    insert into monsters_fts (rowid, name, category, description, description_fr)
    select id, name, category, description, description_fr from monsters_search_source`.execute(db);
}

/** The index of 0008 (same columns and tokenizer), empty: filled once its view is back. */
async function replaceSqliteSearchTable(
  db: Kysely<unknown>,
  { contentlessSearch }: RebuildOptions,
): Promise<void> {
  await sql`drop table monsters_fts`.execute(db);
  await sql`
    create virtual table monsters_fts using fts5(
      name, category, description, description_fr,
      ${sql.raw(contentlessSearch ? "content = '', contentless_delete = 1," : '')}
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
}
