import { formatPrice } from '../../../i18n/i18n.js';
import { DEFAULT_PER_PAGE } from '../../../shared/schemas.js';
import { monsterPath } from '../../../shared/site-paths.js';
import { Layout } from '../../../views/layout.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';
import type { SortKey, SortOrder } from '../catalogue.queries.js';
import type { MonsterPage } from '../catalogue.service.js';
import { MONSTERS_PATH, monstersUrl } from '../catalogue-paths.js';

export interface ListState {
  readonly category?: string | undefined;
  readonly sort?: SortKey | undefined;
  readonly order?: SortOrder | undefined;
}

interface MonsterListPageProps {
  readonly ctx: ViewContext;
  readonly result: MonsterPage;
  readonly state: ListState;
  readonly categories: readonly string[];
}

/** `GET /monsters`: the course's table of monsters, sortable, filterable, paginated. */
export function MonsterListPage({ ctx, result, state, categories }: MonsterListPageProps) {
  const t = catalogueMessages[ctx.lang];
  const { items, page, per_page, total } = result;
  const urlFor = (changes: { sort?: SortKey; order?: SortOrder; page?: number }) =>
    monstersUrl({ ...state, per_page, ...changes });
  const first = (page - 1) * per_page + 1;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <CategoryFilter ctx={ctx} state={state} perPage={per_page} categories={categories} />
      {items.length === 0 ? (
        <div class="empty-state" role="status">
          <p>{total > 0 ? t.beyondLastPage : t.empty}</p>
          {total > 0 && (
            <p>
              <a href={urlFor({ page: 1 })}>{ctx.t.pagination.backToFirstPage}</a>
            </p>
          )}
        </div>
      ) : (
        <div class="table-wrap">
          <table class="monster-table">
            <caption>{t.caption(first, first + items.length - 1, total)}</caption>
            <thead>
              <tr>
                <SortHeader ctx={ctx} column="id" state={state} urlFor={urlFor} numeric />
                <SortHeader ctx={ctx} column="name" state={state} urlFor={urlFor} />
                <SortHeader ctx={ctx} column="height" state={state} urlFor={urlFor} numeric />
                <th scope="col">{t.columns.category}</th>
                <SortHeader ctx={ctx} column="price" state={state} urlFor={urlFor} numeric />
              </tr>
            </thead>
            <tbody>
              {items.map((monster) => (
                <tr key={monster.id}>
                  <td class="number">{monster.id}</td>
                  <td>
                    <a href={monsterPath(monster)}>{monster.name}</a>
                  </td>
                  <td class="number">{monster.height}</td>
                  <td>
                    <a href={monstersUrl({ ...state, category: monster.category })}>
                      {monster.category}
                    </a>
                  </td>
                  <td class="number">{formatPrice(monster.price_cents, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        perPage={per_page}
        total={total}
        href={(number) => urlFor({ page: number })}
      />
    </Layout>
  );
}

interface SortHeaderProps {
  readonly ctx: ViewContext;
  readonly column: SortKey;
  readonly state: ListState;
  readonly urlFor: (changes: { sort: SortKey; order: SortOrder }) => string;
  readonly numeric?: boolean;
}

/** A column header linking to the list sorted by it: ascending first, then the other way. */
function SortHeader({ ctx, column, state, urlFor, numeric = false }: SortHeaderProps) {
  const t = catalogueMessages[ctx.lang];
  const current = (state.sort ?? 'id') === column;
  const order = state.order ?? 'asc';
  const next: SortOrder = current && order === 'asc' ? 'desc' : 'asc';
  const label = t.columns[column];
  return (
    <th
      scope="col"
      class={numeric ? 'number' : undefined}
      aria-sort={current ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a
        href={urlFor({ sort: column, order: next })}
        aria-label={t.sortHint(label, t.orders[next])}
      >
        {label}
        {current && <span aria-hidden="true">{order === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  );
}

interface CategoryFilterProps {
  readonly ctx: ViewContext;
  readonly state: ListState;
  readonly perPage: number;
  readonly categories: readonly string[];
}

/** A plain GET form: works without JavaScript, keeps the sort, starts again at page 1. */
function CategoryFilter({ ctx, state, perPage, categories }: CategoryFilterProps) {
  const t = catalogueMessages[ctx.lang].filter;
  return (
    <form class="catalogue-filter" method="get" action={MONSTERS_PATH}>
      <label for="category-filter">{t.category}</label>
      <select id="category-filter" name="category">
        <option value="">{t.all}</option>
        {categories.map((category) => (
          <option key={category} value={category} selected={category === state.category}>
            {category}
          </option>
        ))}
      </select>
      {state.sort && <input type="hidden" name="sort" value={state.sort} />}
      {state.order === 'desc' && <input type="hidden" name="order" value="desc" />}
      {perPage !== DEFAULT_PER_PAGE && <input type="hidden" name="per_page" value={perPage} />}
      <button type="submit">{t.submit}</button>
    </form>
  );
}
