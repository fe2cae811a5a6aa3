import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB, Dialect } from '../../db/connection.js';

/**
 * The only engine-specific SQL of the catalogue: full-text search over the
 * indexes of migrations 0002 and 0008. Both engines answer the same questions
 * the same way, so results, and their order, do not depend on the engine.
 *
 * A monster matches when every term begins a word of its name, its category
 * (the slug and its names in both languages) or its description (English or
 * French), accents and case aside: `citrouille` finds what `pumpkin` finds. Relevance comes in three tiers: every
 * term is a whole word of the name (0), every term begins a word of the
 * name (1), the rest (2); within a tier, catalogue order (id), which an
 * index can yield without sorting every match.
 *
 * Terms come from `searchTerms()` (letters and digits only) and travel as
 * bound parameters; they are still quoted inside each engine's query syntax,
 * after any folding that could turn a letter into syntax.
 */
export type TermMatch = 'anywhere' | 'namePrefix' | 'nameExact';

interface EngineSearch {
  /** `from … where …` over the monsters matching every term anywhere; `id` names their id. */
  matching(
    terms: readonly string[],
    category: string | undefined,
  ): { from: RawBuilder<unknown>; id: RawBuilder<number> };
  /** Ids of one page of matches, most relevant first. */
  rankedIds(db: DB, filter: SearchFilter, page: PageWindow): Promise<number[]>;
}

interface PageWindow {
  readonly limit: number;
  readonly offset: number;
}

/** SQLite FTS5: `name : "bete" AND name : "gev"*`. */
export function fts5Query(terms: readonly string[], match: TermMatch): string {
  return terms
    .map((term) => {
      const phrase = `"${term.replaceAll('"', '""')}"${match === 'nameExact' ? '' : '*'}`;
      return match === 'anywhere' ? phrase : `name : ${phrase}`;
    })
    .join(' AND ');
}

/** `monsters_fts` indexes every searched column; `monster_names_fts` the names alone (0012). */
type Fts5Table = 'monsters_fts' | 'monster_names_fts';

function fts5Source(
  query: string,
  category: string | undefined,
  table: Fts5Table = 'monsters_fts',
) {
  const index = sql.table(table);
  const id = sql<number>`${index}.rowid`;
  return {
    from: sql`from ${index}
      ${category === undefined ? sql`` : sql`join monsters on monsters.id = ${id}`}
      where ${index} match ${query}
      ${category === undefined ? sql`` : sql`and monsters.category = ${category}`}`,
    id,
  };
}

const sqlite: EngineSearch = {
  matching: (terms, category) => fts5Source(fts5Query(terms, 'anywhere'), category),
  // FTS5 reads matches in rowid order and stops at the limit, so each tier
  // is its own disjoint query (`A NOT B`), read only while the page is not
  // full: page 1 of `ghoul` on 100,000 monsters reads 20 index entries. The
  // name tiers ask the index of names: there a word common in descriptions
  // (`a`) is not walked through to find the few names holding it.
  rankedIds: async (db, { terms, category }, { limit, offset }) => {
    const exact = fts5Query(terms, 'nameExact');
    const prefix = fts5Query(terms, 'namePrefix');
    const anywhere = fts5Query(terms, 'anywhere');
    const tiers: [string, Fts5Table][] = [
      [exact, 'monster_names_fts'],
      [`(${prefix}) NOT (${exact})`, 'monster_names_fts'],
      [`(${anywhere}) NOT (${prefix})`, 'monsters_fts'],
    ];
    const needed = offset + limit;
    const ids: number[] = [];
    for (const [query, table] of tiers) {
      if (ids.length >= needed) break;
      const { from, id } = fts5Source(query, category, table);
      const { rows } = await sql<{ id: number }>`
        select ${id} as id ${from} order by ${id} limit ${needed - ids.length}`.execute(db);
      for (const row of rows) ids.push(row.id);
    }
    return ids.slice(offset, needed);
  },
};

/** What the stored documents turn into spaces after unaccent (migrations 0002, 0008). */
const ASCII_PUNCTUATION = '[!-/:-@[-`{-~]+';

/**
 * PostgreSQL tsquery for `terms`: `'bete':*A & 'gev':*A` (`:*` a prefix, `A`
 * the name's weight). Each term is folded in SQL as the stored documents are
 * (unaccent, then ASCII punctuation becomes a space) and only then quoted:
 * unaccent turns some letters into query syntax (`ʼ` → `'`, `ŉ` → `'n`), so
 * a term unaccented after quoting could break out of its quotes. Folded, a
 * term holds no quote nor backslash; one that unaccent splits (`kaʼiulani` →
 * `ka iulani`) becomes a phrase, as in the documents, and one that folds to
 * nothing (`ʼ`) is left out, as the documents leave it out.
 */
export function tsQuery(terms: readonly string[], match: TermMatch): RawBuilder<unknown> {
  const flags = `${match === 'nameExact' ? '' : '*'}${match === 'anywhere' ? '' : 'A'}`;
  const closingQuote = flags ? `':${flags}` : "'";
  return sql.join(
    terms.map(
      (term) => sql`to_tsquery('simple',
        '''' || regexp_replace(monsters_unaccent(${term}), ${ASCII_PUNCTUATION}, ' ', 'g')
        || ${closingQuote})`,
    ),
    sql` && `,
  );
}

function tsSource(query: RawBuilder<unknown>, category: string | undefined) {
  return {
    from: sql`from monsters_search
      ${category === undefined ? sql`` : sql`join monsters on monsters.id = monsters_search.id`}
      where monsters_search.document @@ (${query})
      ${category === undefined ? sql`` : sql`and monsters.category = ${category}`}`,
    id: sql<number>`monsters_search.id`,
  };
}

const postgres: EngineSearch = {
  matching: (terms, category) => tsSource(tsQuery(terms, 'anywhere'), category),
  // A GIN index yields matches in no useful order (and the planner misjudges
  // prefix selectivity), so one pass over the matches computes each tier from
  // the stored document: about the work of counting them.
  rankedIds: async (db, { terms, category }, { limit, offset }) => {
    const tier = (match: TermMatch) => sql`monsters_search.document @@ (${tsQuery(terms, match)})`;
    const { from, id } = postgres.matching(terms, category);
    const { rows } = await sql<{ id: number }>`
      select ${id} as id ${from}
      order by case when ${tier('nameExact')} then 0 when ${tier('namePrefix')} then 1 else 2 end, ${id}
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((row) => row.id);
  },
};

const ENGINES: Readonly<Record<Dialect, EngineSearch>> = { sqlite, postgres };

export interface SearchFilter {
  readonly terms: readonly string[];
  readonly category?: string | undefined;
}

/** A condition on `monsters.id`: the monster matches every term (for lists sorted otherwise). */
export function matchesSearch(dialect: Dialect, terms: readonly string[]): Expression<SqlBool> {
  const { from, id } = ENGINES[dialect].matching(terms, undefined);
  return sql<SqlBool>`monsters.id in (select ${id} ${from})`;
}

/**
 * How many monsters match, counted inside the full-text index but never past
 * `atMost`: a broad search (`a`) on 100,000 monsters would otherwise read
 * every match to print one number (docs/decisions/012-performance-tricks.md).
 */
export async function countSearchMatches(
  db: DB,
  dialect: Dialect,
  filter: SearchFilter,
  atMost: number,
): Promise<number> {
  const { from, id } = ENGINES[dialect].matching(filter.terms, filter.category);
  const { rows } = await sql<{ count: number }>`
    select count(*) as count from (select ${id} ${from} limit ${atMost}) as counted`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/** Ids of one page of matches, most relevant first (see above). */
export function rankedSearchIds(
  db: DB,
  dialect: Dialect,
  filter: SearchFilter,
  page: PageWindow,
): Promise<number[]> {
  return ENGINES[dialect].rankedIds(db, filter, page);
}
