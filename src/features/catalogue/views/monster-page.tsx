import type { Monster } from '../../../db/monsters.queries.js';
import { formatPrice } from '../../../i18n/i18n.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { AddToCartForm } from '../../cart/index.js';
import { catalogueMessages } from '../catalogue.messages.js';
import { categoryUrl, MONSTERS_PATH } from '../catalogue-paths.js';

/** `GET /monsters/:category/:id`: picture, facts and the "Add to cart" form. */
export function MonsterPage({
  ctx,
  monster,
}: {
  readonly ctx: ViewContext;
  readonly monster: Monster;
}) {
  const catalogue = catalogueMessages[ctx.lang];
  const t = catalogue.monster;
  const categoryList = categoryUrl(monster.category);
  const soldOut = monster.stock === 0;
  return (
    <Layout ctx={ctx} title={monster.name}>
      <nav aria-label={t.breadcrumb}>
        <ol class="breadcrumb">
          <li>
            <a href={MONSTERS_PATH}>{catalogue.title}</a>
          </li>
          <li>
            <a href={categoryList}>{monster.category}</a>
          </li>
          <li aria-current="page">{monster.name}</li>
        </ol>
      </nav>
      <article class="monster-detail">
        <figure class="monster-picture">
          {monster.image ? (
            <img src={monster.image} alt={t.pictureOf(monster.name)} width="320" height="320" />
          ) : (
            <span
              class="monster-card-placeholder"
              role="img"
              aria-label={t.pictureOf(monster.name)}
            >
              ?
            </span>
          )}
        </figure>
        <div class="monster-info">
          <h1>{monster.name}</h1>
          <p class="monster-description">{monster.description}</p>
          <dl class="monster-facts">
            <dt>{t.height}</dt>
            <dd>{t.heightCm(monster.height)}</dd>
            <dt>{t.category}</dt>
            <dd>
              <a href={categoryList}>{monster.category}</a>
            </dd>
            <dt>{t.price}</dt>
            <dd class="monster-price">{formatPrice(monster.price_cents, ctx.lang)}</dd>
          </dl>
          <p class={soldOut ? 'stock out-of-stock' : 'stock in-stock'}>
            {soldOut ? t.outOfStock : t.stockCount(monster.stock)}
          </p>
          <AddToCartForm ctx={ctx} monster={monster} />
          <p>
            <a href={categoryList}>{t.moreOfCategory(monster.category)}</a>
          </p>
        </div>
      </article>
    </Layout>
  );
}
