import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../connection.js';
import * as initialSchema from './0001-initial-schema.js';
import * as monsterSearch from './0002-monster-search.js';
import * as signInThrottle from './0003-sign-in-throttle.js';
import * as monsterViews from './0004-monster-views.js';
import * as signInAttemptCounter from './0005-sign-in-attempt-counter.js';
import * as checkoutRequests from './0006-checkout-requests.js';
import * as orderTotalsBigint from './0007-order-totals-bigint.js';
import * as catalogueInTwoLanguages from './0008-catalogue-in-two-languages.js';
import * as monsterColumnDefaults from './0009-monster-column-defaults.js';
import * as sharedLimits from './0010-shared-limits.js';
import * as monsterViewCounts from './0011-monster-view-counts.js';
import * as monsterNameSearch from './0012-monster-name-search.js';

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
  down(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
  /** Tables whose rows `down` destroys (rows derived from other tables or short-lived do not count). */
  readonly dataTables: readonly string[];
}

export interface MigrationHooks {
  /** Runs inside the migration's transaction just before `down`: throwing leaves everything as it was. */
  readonly beforeDown?: (
    db: Kysely<unknown>,
    migration: { readonly name: string; readonly dataTables: readonly string[] },
  ) => Promise<void>;
}

/**
 * Every migration, in order. Listed explicitly rather than read from the
 * folder, so the compiled and the TypeScript trees behave the same.
 */
const MIGRATIONS: Readonly<Record<string, DialectMigration>> = {
  '0001-initial-schema': initialSchema,
  '0002-monster-search': monsterSearch,
  '0003-sign-in-throttle': signInThrottle,
  '0004-monster-views': monsterViews,
  '0005-sign-in-attempt-counter': signInAttemptCounter,
  '0006-checkout-requests': checkoutRequests,
  '0007-order-totals-bigint': orderTotalsBigint,
  '0008-catalogue-in-two-languages': catalogueInTwoLanguages,
  '0009-monster-column-defaults': monsterColumnDefaults,
  '0010-shared-limits': sharedLimits,
  '0011-monster-view-counts': monsterViewCounts,
  '0012-monster-name-search': monsterNameSearch,
};

export function migrationsFor(
  dialect: Dialect,
  hooks: MigrationHooks = {},
): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [
      name,
      {
        up: async (db) => {
          await migration.up(db, dialect);
          await checkForeignKeys(db, dialect, name);
        },
        down: async (db) => {
          await hooks.beforeDown?.(db, { name, dataTables: migration.dataTables });
          await migration.down(db, dialect);
          await checkForeignKeys(db, dialect, name);
        },
      },
    ]),
  );
}

/**
 * SQLite migrations run with foreign keys off (src/db/migrator.ts): a
 * migration that left a dangling reference fails before its commit.
 */
async function checkForeignKeys(db: Kysely<unknown>, dialect: Dialect, name: string) {
  if (dialect !== 'sqlite') return;
  const { rows } = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
  if (rows.length > 0) {
    const tables = [...new Set(rows.map((row) => row.table))].join(', ');
    throw new Error(`${name} left ${rows.length} broken foreign key(s) in ${tables}`);
  }
}
