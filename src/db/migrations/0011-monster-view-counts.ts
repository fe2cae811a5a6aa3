import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * `monster_view_counts`, kept by triggers on `monster_views`: the home page's
 * "most viewed" ranking reads five rows of an index instead of grouping every
 * view ever recorded (one row per monster, visitor and day, so the table
 * only grows). Filled from the views already recorded.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('monster_view_counts')
    .addColumn('monster_id', 'integer', (col) =>
      col.primaryKey().references('monsters.id').onDelete('cascade'),
    )
    .addColumn('views', 'integer', (col) => col.notNull())
    .execute();
  await sql`create index monster_view_counts_ranking_idx
    on monster_view_counts (views desc, monster_id)`.execute(db);
  await sql`insert into monster_view_counts (monster_id, views)
    select monster_id, count(*) from monster_views group by monster_id`.execute(db);
  if (dialect === 'sqlite') await createSqliteTriggers(db);
  else await createPostgresTriggers(db);
}

async function createSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger monster_view_counts_after_insert after insert on monster_views begin
      insert into monster_view_counts (monster_id, views) values (new.monster_id, 1)
      on conflict (monster_id) do update set views = views + 1;
    end`.execute(db);
  await sql`
    create trigger monster_view_counts_after_delete after delete on monster_views begin
      update monster_view_counts set views = views - 1 where monster_id = old.monster_id;
    end`.execute(db);
}

async function createPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function monster_view_counts_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into monster_view_counts (monster_id, views) values (new.monster_id, 1)
        on conflict (monster_id) do update set views = monster_view_counts.views + 1;
      else
        update monster_view_counts set views = views - 1 where monster_id = old.monster_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger monster_view_counts_sync after insert or delete on monster_views
    for each row execute function monster_view_counts_sync()`.execute(db);
}

/** Derived from `monster_views`: dropping it loses nothing. */
export const dataTables: readonly string[] = [];

export async function down(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop trigger if exists monster_view_counts_after_insert`.execute(db);
    await sql`drop trigger if exists monster_view_counts_after_delete`.execute(db);
  } else {
    await sql`drop trigger if exists monster_view_counts_sync on monster_views`.execute(db);
    await sql`drop function if exists monster_view_counts_sync()`.execute(db);
  }
  await db.schema.dropTable('monster_view_counts').execute();
}
