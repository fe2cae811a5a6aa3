import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/connection.js';

/**
 * The only engine-specific SQL of the catalogue: full-text search over the
 * indexes of migration 0002. Both engines answer the same questions the same
 * way, so results (and their order) do not depend on the engine:
 * a monster matches when every term begins a word of its name, category or
 * description, accents and case aside.
 *
 * Terms come from `searchTerms()` (letters and digits only) and travel as
 * bound parameters; they are still quoted inside each engine's query syntax.
 */
export interface SearchSql {
  /** A condition on `monsters.id`: the monster matches every term. */
  matches(terms: readonly string[]): Expression<SqlBool>;
  /**
   * Relevance tier of a matching monster, best first: 0 when every term is a
   * whole word of its name, 1 when every term begins a word of its name,
   * 2 when the match is (partly) in the category or description.
   */
  rank(terms: readonly string[]): Expression<number>;
}

interface TermQuery {
  /** Only words of the monster's name. */
  readonly nameOnly: boolean;
  /** Whole words only (otherwise a term matches the words it begins). */
  readonly exact: boolean;
}

const ANYWHERE: TermQuery = { nameOnly: false, exact: false };
const NAME_EXACT: TermQuery = { nameOnly: true, exact: true };
const NAME_PREFIX: TermQuery = { nameOnly: true, exact: false };

function rankOf(matching: (query: TermQuery) => RawBuilder<number>): Expression<number> {
  return sql<number>`case
    when monsters.id in ${matching(NAME_EXACT)} then 0
    when monsters.id in ${matching(NAME_PREFIX)} then 1
    else 2 end`;
}

/** SQLite: an FTS5 MATCH expression such as `name : "bete"* AND name : "gev"*`. */
export function fts5Query(terms: readonly string[], query: TermQuery): string {
  return terms
    .map((term) => {
      const phrase = `"${term.replaceAll('"', '""')}"${query.exact ? '' : '*'}`;
      return query.nameOnly ? `name : ${phrase}` : phrase;
    })
    .join(' AND ');
}

const sqliteSearch: SearchSql = {
  matches: (terms) => sql<SqlBool>`monsters.id in ${sqliteMatching(terms, ANYWHERE)}`,
  rank: (terms) => rankOf((query) => sqliteMatching(terms, query)),
};

function sqliteMatching(terms: readonly string[], query: TermQuery): RawBuilder<number> {
  return sql<number>`(select rowid from monsters_fts where monsters_fts match ${fts5Query(terms, query)})`;
}

/**
 * PostgreSQL: a tsquery such as `'bete':*A & 'gev':*A` (`:*` a prefix,
 * `A` the weight of the name in the stored document).
 */
export function tsQuery(terms: readonly string[], query: TermQuery): string {
  return terms
    .map((term) => {
      const flags = `${query.exact ? '' : '*'}${query.nameOnly ? 'A' : ''}`;
      return `'${term.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${flags ? `:${flags}` : ''}`;
    })
    .join(' & ');
}

const postgresSearch: SearchSql = {
  matches: (terms) => sql<SqlBool>`monsters.id in ${postgresMatching(terms, ANYWHERE)}`,
  rank: (terms) => rankOf((query) => postgresMatching(terms, query)),
};

function postgresMatching(terms: readonly string[], query: TermQuery): RawBuilder<number> {
  // The same folding as the stored documents (migration 0002): œ → oe, ß → ss…
  return sql<number>`(select id from monsters_search
    where document @@ to_tsquery('simple', monsters_unaccent(${tsQuery(terms, query)})))`;
}

export function searchSql(dialect: Dialect): SearchSql {
  return dialect === 'sqlite' ? sqliteSearch : postgresSearch;
}
