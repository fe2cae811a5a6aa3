import { sql } from 'kysely';
import type { DatabaseHandle, DB } from '../connection.js';
import { DEMO_CATEGORY_NAMES } from './demo-categories.js';
import { demoMonsters } from './demo-monsters.js';
import { generatedMonster } from './generated-monsters.js';

const BATCH_SIZE = 500;

/** The demo catalogue as rows of the monsters table (a `Monster` each). */
export function demoMonsterRows() {
  return demoMonsters.map((monster) => ({
    id: monster.id,
    name: monster.name,
    height: monster.height,
    category: monster.category,
    description: monster.description,
    price_cents: monster.priceCents,
    stock: monster.stock,
    image: monster.image,
    description_fr: monster.descriptionFr,
  }));
}

/** The demo categories' names in both languages, leaving any category already named alone. */
async function nameDemoCategories(db: DB): Promise<void> {
  const rows = Object.entries(DEMO_CATEGORY_NAMES).map(([slug, names]) => ({ slug, ...names }));
  await db
    .insertInto('categories')
    .values(rows)
    .onConflict((conflict) => conflict.column('slug').doNothing())
    .execute();
}

/** Loads the demo catalogue (docs/requirements.md §3) when the monsters table is empty. Returns the rows added. */
export async function seedDemoCatalogueIfEmpty(handle: DatabaseHandle): Promise<number> {
  const { db, dialect } = handle;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('monsters').select('id').limit(1).executeTakeFirst();
    if (existing) return 0;
    const rows = demoMonsterRows();
    await nameDemoCategories(trx);
    await trx.insertInto('monsters').values(rows).execute();
    if (dialect === 'postgres') {
      // Explicit ids leave the serial sequence behind: move it past the largest id.
      await sql`select setval(pg_get_serial_sequence('monsters', 'id'), (select max(id) from monsters))`.execute(
        trx,
      );
    }
    return rows.length;
  });
}

/**
 * Adds `count` generated monsters in batched transactions, reporting progress
 * after each batch (the CLI draws a progress bar from it).
 */
export async function seedGeneratedMonsters(
  handle: DatabaseHandle,
  count: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const start = await countMonsters(handle);
  await nameDemoCategories(handle.db);
  for (let done = 0; done < count; done += BATCH_SIZE) {
    const size = Math.min(BATCH_SIZE, count - done);
    const rows = Array.from({ length: size }, (_, offset) =>
      generatedMonster(start + done + offset),
    );
    await handle.db
      .transaction()
      .execute((trx) => trx.insertInto('monsters').values(rows).execute());
    onProgress(done + size, count);
  }
}

async function countMonsters(handle: DatabaseHandle): Promise<number> {
  const { count } = await handle.db
    .selectFrom('monsters')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}
