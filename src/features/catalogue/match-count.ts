import { formatNumber, type Lang } from '../../i18n/i18n.js';

/**
 * Searches count their matches only up to this many: past it, a page says
 * "10,000+" and the JSON gives `total: 10000, total_capped: true`. Lists
 * without a search stay exact: their totals are kept by triggers.
 * Counting every match of `a` on 100,000 monsters read the whole index
 * (5 ms on SQLite, ten times the capped count) for a number nobody pages
 * through (docs/decisions/012-performance-tricks.md).
 */
export const MAX_COUNTED_MATCHES = 10_000;

/** A list's total as counted (at most one past the cap) and whether it was cut there. */
export interface MatchCount {
  readonly total: number;
  readonly total_capped?: true;
}

/** `counted` rows read with a limit of one past the cap, as a total and its flag. */
export function matchCountOf(counted: number): MatchCount {
  return counted > MAX_COUNTED_MATCHES
    ? { total: MAX_COUNTED_MATCHES, total_capped: true }
    : { total: counted };
}

/** A total for people: `10,000+` / `10 000+` past the cap, else the number. */
export function formatMatchCount({ total, total_capped }: MatchCount, lang: Lang): string {
  const shown = formatNumber(total, lang);
  return total_capped ? `${shown}+` : shown;
}
