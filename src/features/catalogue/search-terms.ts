/** At most this many words of a query are searched for; the rest are ignored. */
const MAX_SEARCH_TERMS = 8;
const MAX_TERM_LENGTH = 40;

/**
 * Splits what a visitor typed into search terms: lower-cased, accents
 * removed, only letters and digits, without duplicates. `Chaîne pas très
 * visible ;)` → `chaine`, `pas`, `tres`, `visible`. Both engines fold their
 * indexed text the same way (migrations 0002 and 0008), so a term matches a word it
 * begins. A letter is not always safe inside a query (PostgreSQL's unaccent
 * turns `ʼ` into `'`): search.queries.ts quotes each term after folding it.
 */
export function searchTerms(query: string): string[] {
  const words = query
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_TERM_LENGTH));
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}
