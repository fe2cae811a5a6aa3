import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type RawBuilder,
  sql,
} from 'kysely';
import type { Dialect } from '../connection.js';

/**
 * The few places where one migration needs the engine: auto-increment keys
 * and timestamps (docs/pitfalls.md #5). Everything else is portable SQL.
 */
export function withIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: Dialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (col) => col.primaryKey())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

export function timestampType(dialect: Dialect): 'timestamptz' | 'text' {
  return dialect === 'postgres' ? 'timestamptz' : 'text';
}

export function now(dialect: Dialect): RawBuilder<string> {
  return dialect === 'postgres' ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

export function createdAt(dialect: Dialect) {
  return (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(now(dialect));
}
