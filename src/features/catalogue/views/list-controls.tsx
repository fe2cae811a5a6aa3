import { formatNumber } from '../../../i18n/i18n.js';
import { DEFAULT_PER_PAGE } from '../../../shared/schemas.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';
import { SORT_KEYS, SORT_ORDERS } from '../catalogue.queries.js';
import { MONSTERS_PATH, monstersUrl } from '../catalogue-paths.js';
import { LIST_VIEWS } from '../list-page-query.js';
import type { CategoryChoice, ListState } from './list-state.js';

/** The page sizes offered; another valid size, from a link, is offered too. */
const PER_PAGE_CHOICES = [10, DEFAULT_PER_PAGE, 50, 100] as const;

function perPageChoices(current: number): number[] {
  return [...new Set([...PER_PAGE_CHOICES, current])].sort((a, b) => a - b);
}

interface ViewSwitchProps {
  readonly ctx: ViewContext;
  readonly state: ListState;
  readonly page: number;
}

/** "Cards | Table": the same list, page and choices, shown the other way. */
export function ViewSwitch({ ctx, state, page }: ViewSwitchProps) {
  const t = catalogueMessages[ctx.lang].views;
  return (
    <nav class="view-switch" aria-label={t.label}>
      <ul>
        {LIST_VIEWS.map((view) => (
          <li key={view}>
            <a
              href={monstersUrl({ ...state, page, view })}
              aria-current={view === state.view || undefined}
            >
              {t[view]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface ListFilterProps {
  readonly ctx: ViewContext;
  readonly state: ListState;
  readonly categories: readonly CategoryChoice[];
}

const FILTER_HINT_ID = 'list-filter-hint';

/**
 * A plain GET form: without JavaScript, "Apply" sends it; with it,
 * static/js/list-filter.js sends it on every change, hides the button and
 * shows the hint that says so. It keeps the view and starts again at page 1.
 */
export function ListFilter({ ctx, state, categories }: ListFilterProps) {
  const t = catalogueMessages[ctx.lang].filter;
  return (
    <form
      class="catalogue-filter"
      method="get"
      action={MONSTERS_PATH}
      aria-label={t.label}
      data-auto-submit={FILTER_HINT_ID}
    >
      <div class="filter-field">
        <label for="filter-category">{t.category}</label>
        <select id="filter-category" name="category">
          <option value="">{t.all}</option>
          {categories.map((category) => (
            <option
              key={category.slug}
              value={category.slug}
              selected={category.slug === state.category}
            >
              {category.name}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-field">
        <label for="filter-sort">{t.sortBy}</label>
        <select id="filter-sort" name="sort">
          {SORT_KEYS.map((key) => (
            <option key={key} value={key} selected={key === (state.sort ?? 'id')}>
              {t.sortKeys[key]}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-field">
        <label for="filter-order">{t.order}</label>
        <select id="filter-order" name="order">
          {SORT_ORDERS.map((order) => (
            <option key={order} value={order} selected={order === (state.order ?? 'asc')}>
              {t.orders[order]}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-field">
        <label for="filter-per-page">{t.perPage}</label>
        <select id="filter-per-page" name="per_page">
          {perPageChoices(state.per_page).map((count) => (
            <option key={count} value={count} selected={count === state.per_page}>
              {formatNumber(count, ctx.lang)}
            </option>
          ))}
        </select>
      </div>
      {state.view !== 'cards' && <input type="hidden" name="view" value={state.view} />}
      <button type="submit" class="filter-apply" data-apply>
        {t.submit}
      </button>
      <p class="filter-hint" id={FILTER_HINT_ID} hidden>
        {t.autoApplies}
      </p>
    </form>
  );
}
