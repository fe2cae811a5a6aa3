import { formatPrice } from '../../../i18n/i18n.js';
import { PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { Monster } from '../../catalogue/catalogue.queries.js';
import type { MonsterPage } from '../../catalogue/catalogue.service.js';
import { monsterPath } from '../../catalogue/monster-paths.js';

export function AdminListPage({
  ctx,
  result,
  q,
}: {
  readonly ctx: ViewContext;
  readonly result: MonsterPage;
  readonly q: string;
}) {
  const t = ctx.t.admin;
  const pages = Math.max(1, Math.ceil(result.total / result.per_page));
  const pageUrl = (page: number) =>
    `/admin/monsters?${new URLSearchParams({ ...(q && { q }), page: String(page) })}`;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>
        <a class="button" href="/admin/monsters/new">
          {t.newMonster}
        </a>
      </p>
      <form method="get" action="/admin/monsters" role="search" class="hero-search">
        <label for="admin-search">{t.search}</label>
        <input id="admin-search" type="search" name="q" value={q} />
        <button type="submit">{ctx.t.search.submit}</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" class="number">
                id
              </th>
              <th scope="col">{t.fields.name}</th>
              <th scope="col">{t.fields.category}</th>
              <th scope="col" class="number">
                {t.fields.price}
              </th>
              <th scope="col" class="number">
                {t.fields.stock}
              </th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((monster) => (
              <tr key={monster.id}>
                <td class="number">{monster.id}</td>
                <th scope="row">{monster.name}</th>
                <td>{monster.category}</td>
                <td class="number">{formatPrice(monster.price_cents, ctx.lang)}</td>
                <td class="number">{monster.stock}</td>
                <td class="row-actions">
                  <a href={monsterPath(monster)}>{t.view}</a> ·{' '}
                  <a href={`/admin/monsters/${monster.id}/edit`}>{t.edit}</a> ·{' '}
                  <a href={`/admin/monsters/${monster.id}/delete`}>{t.delete}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pagination">
          <ul class="pagination">
            {result.page > 1 && (
              <li>
                <a href={pageUrl(result.page - 1)} rel="prev">
                  ←
                </a>
              </li>
            )}
            <li aria-current="page">
              {result.page} / {pages}
            </li>
            {result.page < pages && (
              <li>
                <a href={pageUrl(result.page + 1)} rel="next">
                  →
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}

export function DeleteMonsterPage({
  ctx,
  monster,
}: {
  readonly ctx: ViewContext;
  readonly monster: Monster;
}) {
  const t = ctx.t.admin;
  return (
    <Layout ctx={ctx} title={t.deleteTitle(monster.name)}>
      <h1>{t.deleteTitle(monster.name)}</h1>
      <p>{t.deleteWarning}</p>
      <PostForm ctx={ctx} action={`/admin/monsters/${monster.id}/delete`}>
        <button type="submit">{t.confirmDelete}</button> <a href="/admin/monsters">{t.cancel}</a>
      </PostForm>
    </Layout>
  );
}
