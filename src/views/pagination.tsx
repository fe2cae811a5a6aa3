import type { ViewContext } from './view-context.js';

/**
 * Page numbers around the current one, with the first and the last; `null`
 * marks a gap (a gap of one page shows that page instead).
 */
export function pageWindow(page: number, last: number, radius = 2): (number | null)[] {
  const shown = new Set([1, last]);
  for (let number = page - radius; number <= page + radius; number++) {
    if (number >= 1 && number <= last) shown.add(number);
  }
  const pages: (number | null)[] = [];
  let previous = 0;
  for (const number of [...shown].sort((a, b) => a - b)) {
    if (number - previous === 2) pages.push(number - 1);
    else if (number - previous > 2) pages.push(null);
    pages.push(number);
    previous = number;
  }
  return pages;
}

export interface PaginationProps {
  readonly ctx: ViewContext;
  readonly page: number;
  readonly perPage: number;
  readonly total: number;
  readonly href: (page: number) => string;
}

/** Accessible pagination: a labelled nav, `aria-current` on this page, `rel` prev/next. */
export function Pagination({ ctx, page, perPage, total, href }: PaginationProps) {
  const t = ctx.t.pagination;
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1 && page === 1) return null;
  return (
    <nav aria-label={t.label}>
      <ul class="pagination">
        {page > 1 && (
          <li>
            <a href={href(Math.min(page - 1, last))} rel="prev">
              <span aria-hidden="true">← </span>
              {t.previous}
            </a>
          </li>
        )}
        {pageWindow(Math.min(page, last), last).map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={number}>
              <a
                href={href(number)}
                aria-label={t.page(number)}
                aria-current={number === page ? 'page' : undefined}
              >
                {number}
              </a>
            </li>
          ),
        )}
        {page < last && (
          <li>
            <a href={href(page + 1)} rel="next">
              {t.next}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
