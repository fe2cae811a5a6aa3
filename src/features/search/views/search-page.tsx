import { SITE_PATHS } from '../../../shared/site-paths.js';
import { FormError, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import {
  formatMatchCount,
  type IgnoredParameter,
  IgnoredParameters,
  MAX_QUERY_LENGTH,
  MonsterCard,
  type MonsterPage,
} from '../../catalogue/index.js';
import { searchMessages } from '../search.messages.js';
import { SEARCH_PATH, searchPageUrl } from '../search-paths.js';

interface SearchPageProps {
  readonly ctx: ViewContext;
  /** What was searched for, trimmed; empty: only the form is shown. */
  readonly query: string;
  readonly result?: MonsterPage | undefined;
  /** A refused search form: the text as typed, and why. */
  readonly typed?: string | undefined;
  readonly refusal?: Refusal | undefined;
  /** Parameters of the address that could not be used (the page then answers 400). */
  readonly ignored?: readonly IgnoredParameter[];
  /** A category's name in the visitor's language. */
  readonly categoryName?: (slug: string) => string;
}

/** `GET /search`: the form, then the results as cards (every value escaped by Preact). */
export function SearchPage(props: SearchPageProps) {
  const { ctx, query, result, typed, refusal, ignored = [], categoryName = (slug) => slug } = props;
  const t = searchMessages[ctx.lang];
  const heading = query === '' ? t.title : t.resultsFor(query);
  const error = refusal?.fields.q;
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <FormError message={refusal?.message} />
      <IgnoredParameters
        ctx={ctx}
        ignored={ignored}
        resetHref={searchPageUrl({ q: query })}
        resetText={t.startAgain}
      />
      {/* Named apart from the header's search box: two search landmarks, two names. */}
      <form
        class="hero-search"
        role="search"
        method="get"
        action={SEARCH_PATH}
        aria-label={t.formLabel}
      >
        <label for="search-query">{t.formLabel}</label>
        <input
          id="search-query"
          type="search"
          name="q"
          value={typed ?? query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={ctx.t.search.placeholder}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'search-query-error search-hint' : 'search-hint'}
        />
        <button type="submit">{ctx.t.search.submit}</button>
      </form>
      {error && (
        <p id="search-query-error" class="field-error">
          {error}
        </p>
      )}
      <p id="search-hint" class="search-hint">
        {t.hint}
      </p>
      {query !== '' && result && (
        <SearchResults ctx={ctx} query={query} result={result} categoryName={categoryName} />
      )}
    </Layout>
  );
}

interface SearchResultsProps {
  readonly ctx: ViewContext;
  readonly query: string;
  readonly result: MonsterPage;
  readonly categoryName: (slug: string) => string;
}

function SearchResults({ ctx, query, result, categoryName }: SearchResultsProps) {
  const t = searchMessages[ctx.lang];
  const { items, page, per_page, total } = result;
  return (
    <section class="search-results" aria-labelledby="search-count">
      <p id="search-count" class="search-count" role="status">
        {t.found(total, formatMatchCount(result, ctx.lang))}
      </p>
      {total === 0 && (
        <p>
          {t.nothingFound(query)} <a href={SITE_PATHS.monsters}>{t.browseAll}</a>
        </p>
      )}
      {total > 0 && items.length === 0 && (
        <p>
          {t.beyondLastPage}{' '}
          <a href={searchPageUrl({ q: query, per_page })}>{ctx.t.pagination.backToFirstPage}</a>
        </p>
      )}
      {items.length > 0 && (
        <ol class="search-result-list" start={(page - 1) * per_page + 1}>
          {items.map((monster) => (
            <li key={monster.id}>
              <MonsterCard
                ctx={ctx}
                monster={monster}
                categoryName={categoryName(monster.category)}
                headingLevel={2}
                listUrl={searchPageUrl({ q: query, page, per_page })}
                withDescription
              />
            </li>
          ))}
        </ol>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        perPage={per_page}
        total={total}
        href={(number) => searchPageUrl({ q: query, page: number, per_page })}
      />
    </section>
  );
}
