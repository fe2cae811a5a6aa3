import type { Monster } from '../../../db/monsters.queries.js';
import { formatNumber, formatPrice } from '../../../i18n/i18n.js';
import { monsterPath } from '../../../shared/site-paths.js';
import { PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import {
  type CategoryNames,
  categoryLabel,
  MAX_QUERY_LENGTH,
  type MonsterPage,
} from '../../catalogue/index.js';
import { adminMessages } from '../admin.messages.js';
import {
  ADMIN_MONSTERS_PATH,
  adminListPath,
  deleteMonsterPath,
  editMonsterPath,
  NEW_MONSTER_PATH,
} from '../admin-paths.js';

export function AdminListPage({
  ctx,
  result,
  categoryNames,
  q,
}: {
  readonly ctx: ViewContext;
  readonly result: MonsterPage;
  /** The names of the page's categories. */
  readonly categoryNames: CategoryNames;
  readonly q: string;
}) {
  const t = adminMessages[ctx.lang];
  const f = t.fields;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>
        <a class="button" href={NEW_MONSTER_PATH}>
          {t.newMonster}
        </a>
      </p>
      <form method="get" action={ADMIN_MONSTERS_PATH} role="search" class="hero-search">
        <label for="admin-search">{t.search}</label>
        <input id="admin-search" type="search" name="q" value={q} maxLength={MAX_QUERY_LENGTH} />
        <button type="submit">{ctx.t.search.submit}</button>
      </form>
      {result.total === 0 ? (
        <p class="admin-empty">
          {q === '' ? t.noMonster : t.noMatch(q)}{' '}
          {q !== '' && <a href={ADMIN_MONSTERS_PATH}>{t.clearSearch}</a>}
        </p>
      ) : (
        /* On a phone each row stacks as a card, each cell labelled by its column (data-label). */
        <table class="stacked-table admin-table">
          <thead>
            <tr>
              <th scope="col" class="number">
                {f.id}
              </th>
              <th scope="col">{f.name}</th>
              <th scope="col">{f.category}</th>
              <th scope="col" class="number">
                {f.price}
              </th>
              <th scope="col" class="number">
                {f.stock}
              </th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((monster) => (
              <tr key={monster.id}>
                <td class="number" data-label={f.id}>
                  {monster.id}
                </td>
                <th scope="row" data-label={f.name}>
                  {monster.name}
                </th>
                <td data-label={f.category}>
                  {categoryLabel(categoryNames, monster.category, ctx.lang)}
                </td>
                <td class="number" data-label={f.price}>
                  {formatPrice(monster.price_cents, ctx.lang)}
                </td>
                <td class="number" data-label={f.stock}>
                  {formatNumber(monster.stock, ctx.lang)}
                </td>
                <td class="row-actions" data-label={t.actions}>
                  <a href={monsterPath(monster)}>{t.view}</a>
                  <a href={editMonsterPath(monster.id)}>{t.edit}</a>
                  <a href={deleteMonsterPath(monster.id)}>{t.delete}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        ctx={ctx}
        page={result.page}
        perPage={result.per_page}
        total={result.total}
        href={(page) => adminListPath({ q, page })}
      />
    </Layout>
  );
}

export function DeleteMonsterPage({
  ctx,
  monster,
}: {
  readonly ctx: ViewContext;
  readonly monster: Pick<Monster, 'id' | 'name'>;
}) {
  const t = adminMessages[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.deleteTitle(monster.name)}>
      <h1>{t.deleteTitle(monster.name)}</h1>
      <p>{t.deleteWarning}</p>
      <PostForm ctx={ctx} action={deleteMonsterPath(monster.id)}>
        <div class="form-actions danger-actions">
          <button type="submit" class="button danger">
            {t.confirmDelete}
          </button>
          <a class="button secondary" href={editMonsterPath(monster.id)}>
            {t.cancel}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
