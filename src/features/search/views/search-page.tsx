import { formatPrice } from '../../../i18n/i18n.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { MAX_QUERY_LENGTH } from '../../catalogue/catalogue.schemas.js';
import type { MonsterPage } from '../../catalogue/catalogue.service.js';
import { listUrl } from '../../catalogue/catalogue-urls.js';
import { monsterPath } from '../../catalogue/monster-paths.js';
import { Pagination } from '../../catalogue/views/pagination.js';

interface SearchPageProps {
  readonly ctx: ViewContext;
  /** What was searched for, trimmed; empty: only the form is shown. */
  readonly query: string;
  readonly result: MonsterPage;
}

/** `GET /search`: the form, then the results (every value escaped by Preact). */
export function SearchPage({ ctx, query, result }: SearchPageProps) {
  const { t } = ctx;
  const heading = query === '' ? t.searchPage.title : t.searchPage.resultsFor(query);
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <form class="hero-search" role="search" method="get" action="/search">
        <label for="search-query">{t.search.label}</label>
        <input
          id="search-query"
          type="search"
          name="q"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t.search.placeholder}
          aria-describedby="search-hint"
        />
        <button type="submit">{t.search.submit}</button>
      </form>
      <p id="search-hint" class="search-hint">
        {t.searchPage.hint}
      </p>
      {query !== '' && <SearchResults ctx={ctx} query={query} result={result} />}
    </Layout>
  );
}

function SearchResults({ ctx, query, result }: SearchPageProps) {
  const { t } = ctx;
  const { items, page, per_page, total } = result;
  return (
    <section class="search-results" aria-labelledby="search-count">
      <p id="search-count" class="search-count" role="status">
        {t.searchPage.found(total)}
      </p>
      {total === 0 && (
        <p>
          {t.searchPage.nothingFound(query)} <a href="/monsters">{t.searchPage.browseAll}</a>
        </p>
      )}
      {total > 0 && items.length === 0 && (
        <p>
          {t.catalogue.beyondLastPage}{' '}
          <a href={listUrl('/search', { q: query, per_page })}>{t.catalogue.backToFirstPage}</a>
        </p>
      )}
      {items.length > 0 && (
        <ol class="search-result-list" start={(page - 1) * per_page + 1}>
          {items.map((monster) => (
            <li key={monster.id} class="search-result">
              <h2>
                <a href={monsterPath(monster)}>{monster.name}</a>
              </h2>
              <p class="search-result-meta">
                <span class="category">{monster.category}</span>
                {' · '}
                <span class="price">{formatPrice(monster.price_cents, ctx.lang)}</span>
              </p>
              <p>{monster.description}</p>
            </li>
          ))}
        </ol>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        perPage={per_page}
        total={total}
        href={(number) => listUrl('/search', { q: query, page: number, per_page })}
      />
    </section>
  );
}
