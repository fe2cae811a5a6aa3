import type { Monster } from '../../../db/monsters.queries.js';
import { formatNumber } from '../../../i18n/i18n.js';
import { monsterPath } from '../../../shared/site-paths.js';
import { ScrollRegion } from '../../../views/scroll-region.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';
import type { SortKey, SortOrder } from '../catalogue.queries.js';
import { monstersUrl } from '../catalogue-paths.js';
import type { ListState } from './list-state.js';
import { priceLabel } from './price-label.js';

type UrlFor = (changes: { sort: SortKey; order: SortOrder }) => string;

interface MonsterTableProps {
  readonly ctx: ViewContext;
  readonly items: readonly Monster[];
  readonly state: ListState;
  readonly caption: string;
  readonly categoryName: (slug: string) => string;
  readonly urlFor: UrlFor;
}

const CAPTION_ID = 'monster-table-caption';

/**
 * The course's table (id, name, height, category, price), sortable by its
 * headers. On a narrow screen it scrolls inside its own region, which the
 * keyboard can reach and a screen reader names, never the page.
 */
export function MonsterTable({
  ctx,
  items,
  state,
  caption,
  categoryName,
  urlFor,
}: MonsterTableProps) {
  const t = catalogueMessages[ctx.lang];
  return (
    <>
      <p class="scroll-hint">{t.scrollHint}</p>
      <ScrollRegion labelledBy={CAPTION_ID}>
        <table class="monster-table">
          <caption id={CAPTION_ID}>{caption}</caption>
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
                <td class="number">{formatNumber(monster.height, ctx.lang)}</td>
                <td>
                  <a href={monstersUrl({ ...state, category: monster.category })}>
                    {categoryName(monster.category)}
                  </a>
                </td>
                <td class="number price">{priceLabel(monster, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

interface SortHeaderProps {
  readonly ctx: ViewContext;
  readonly column: SortKey;
  readonly state: ListState;
  readonly urlFor: UrlFor;
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
