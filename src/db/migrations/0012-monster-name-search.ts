import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * SQLite: `monster_names_fts`, a full-text index of the names alone, kept by
 * triggers like `monsters_fts`. A search ranks whole-word name matches first;
 * asked of `monsters_fts` as `name : "a"`, FTS5 walks every document holding
 * the word, in any column (`a` begins every generated description: 100,000
 * entries to find none). The names alone hold a short list. PostgreSQL ranks
 * in one pass over the matches and needs nothing (search.queries.ts).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`
    create virtual table monster_names_fts using fts5(
      name,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '1 2 3'
    )`.execute(db);
  // Deleting `new.id` first, as monsters_fts does: `insert or replace` deletes
  // the old row without firing the delete trigger.
  await sql`
    create trigger monster_names_fts_after_insert after insert on monsters begin
      delete from monster_names_fts where rowid = new.id;
      insert into monster_names_fts (rowid, name) values (new.id, new.name);
    end`.execute(db);
  await sql`
    create trigger monster_names_fts_after_delete after delete on monsters begin
      delete from monster_names_fts where rowid = old.id;
    end`.execute(db);
  await sql`
    create trigger monster_names_fts_after_update after update of id, name on monsters begin
      delete from monster_names_fts where rowid = old.id;
      delete from monster_names_fts where rowid = new.id;
      insert into monster_names_fts (rowid, name) values (new.id, new.name);
    end`.execute(db);
  await sql`insert into monster_names_fts (rowid, name) select id, name from monsters`.execute(db);
}

/** An index of `monsters.name`: dropping it loses nothing. */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const trigger of ['insert', 'delete', 'update']) {
    await sql`drop trigger if exists ${sql.id(`monster_names_fts_after_${trigger}`)}`.execute(db);
  }
  await sql`drop table monster_names_fts`.execute(db);
}
