import { formatNumber } from '../../../i18n/i18n.js';
import { Layout } from '../../../views/layout.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';
import type { SortKey, SortOrder } from '../catalogue.queries.js';
import type { MonsterPage } from '../catalogue.service.js';
import { MONSTERS_PATH, monstersUrl } from '../catalogue-paths.js';
import type { IgnoredParameter } from '../page-query.js';
import { IgnoredParameters } from './ignored-parameters.js';
import { ListFilter, ViewSwitch } from './list-controls.js';
import type { CategoryChoice, ListState } from './list-state.js';
import { MonsterCard } from './monster-card.js';
import { MonsterTable } from './monster-table.js';

/** Sends the filter form on every change (progressive enhancement: the form works without it). */
const LIST_FILTER_SCRIPT = 'js/list-filter.js';

interface MonsterListPageProps {
  readonly ctx: ViewContext;
  readonly result: MonsterPage;
  readonly state: ListState;
  readonly categories: readonly CategoryChoice[];
  /** Parameters of the address that could not be used (the page then answers 400). */
  readonly ignored: readonly IgnoredParameter[];
}

/**
 * `GET /monsters`: the catalogue as cards, or as the course's sortable
 * table; filtered by category, sorted, paginated, every link keeping the
 * visitor's other choices.
 */
export function MonsterListPage(props: MonsterListPageProps) {
  const { ctx, result, state, categories, ignored } = props;
  const t = catalogueMessages[ctx.lang];
  const { items, page, per_page, total } = result;
  const urlFor = (changes: { sort?: SortKey; order?: SortOrder; page?: number }) =>
    monstersUrl({ ...state, ...changes });
  const names = new Map(categories.map((category) => [category.slug, category.name]));
  const categoryName = (slug: string) => names.get(slug) ?? slug;
  const first = (page - 1) * per_page + 1;
  const range = [first, first + items.length - 1, total].map((n) => formatNumber(n, ctx.lang));
  const [from = '', to = '', of = ''] = range;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <IgnoredParameters
        ctx={ctx}
        ignored={ignored}
        resetHref={MONSTERS_PATH}
        resetText={t.showAll}
      />
      <p>{t.intro}</p>
      <div class="list-controls">
        <ListFilter ctx={ctx} state={state} categories={categories} />
        <ViewSwitch ctx={ctx} state={state} page={page} />
      </div>
      {items.length === 0 ? (
        <div class="empty-state" role="status">
          <p>{total > 0 ? t.beyondLastPage : t.empty}</p>
          <p>
            {total > 0 ? (
              <a href={urlFor({ page: 1 })}>{ctx.t.pagination.backToFirstPage}</a>
            ) : (
              <a href={MONSTERS_PATH}>{t.showAll}</a>
            )}
          </p>
        </div>
      ) : state.view === 'table' ? (
        <MonsterTable
          ctx={ctx}
          items={items}
          state={state}
          caption={t.caption(from, to, of)}
          categoryName={categoryName}
          urlFor={urlFor}
        />
      ) : (
        <>
          <p class="list-count">{t.shown(from, to, of)}</p>
          <ul class="monster-grid">
            {items.map((monster) => (
              <li key={monster.id}>
                <MonsterCard
                  ctx={ctx}
                  monster={monster}
                  categoryName={categoryName(monster.category)}
                  headingLevel={2}
                  listUrl={urlFor({ page })}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        perPage={per_page}
        total={total}
        href={(number) => urlFor({ page: number })}
      />
      <script src={ctx.staticUrl(LIST_FILTER_SCRIPT)} defer />
    </Layout>
  );
}
