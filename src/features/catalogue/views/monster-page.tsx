import { formatPrice } from '../../../i18n/i18n.js';
import { PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { Monster } from '../catalogue.queries.js';
import { listUrl } from '../catalogue-urls.js';

/** `GET /monsters/:category/:id`: picture, facts and the "Add to cart" form. */
export function MonsterPage({
  ctx,
  monster,
}: {
  readonly ctx: ViewContext;
  readonly monster: Monster;
}) {
  const { t } = ctx;
  const categoryUrl = listUrl('/monsters', { category: monster.category });
  const soldOut = monster.stock === 0;
  return (
    <Layout ctx={ctx} title={monster.name}>
      <nav aria-label={t.catalogue.breadcrumb}>
        <ol class="breadcrumb">
          <li>
            <a href="/monsters">{t.catalogue.title}</a>
          </li>
          <li>
            <a href={categoryUrl}>{monster.category}</a>
          </li>
          <li aria-current="page">{monster.name}</li>
        </ol>
      </nav>
      <article class="monster-detail">
        <figure class="monster-picture">
          {monster.image ? (
            <img
              src={monster.image}
              alt={t.monster.pictureOf(monster.name)}
              width="320"
              height="320"
            />
          ) : (
            <span
              class="monster-card-placeholder"
              role="img"
              aria-label={t.monster.pictureOf(monster.name)}
            >
              ?
            </span>
          )}
        </figure>
        <div class="monster-info">
          <h1>{monster.name}</h1>
          <p class="monster-description">{monster.description}</p>
          <dl class="monster-facts">
            <dt>{t.monster.height}</dt>
            <dd>{t.monster.heightCm(monster.height)}</dd>
            <dt>{t.monster.category}</dt>
            <dd>
              <a href={categoryUrl}>{monster.category}</a>
            </dd>
            <dt>{t.monster.price}</dt>
            <dd class="monster-price">{formatPrice(monster.price_cents, ctx.lang)}</dd>
          </dl>
          <p class={soldOut ? 'stock out-of-stock' : 'stock in-stock'}>
            {soldOut ? t.monster.outOfStock : t.catalogue.stockCount(monster.stock)}
          </p>
          <PostForm ctx={ctx} class="add-to-cart" action="/cart/items">
            <input type="hidden" name="monster_id" value={monster.id} />
            <label for="quantity">{t.catalogue.quantity}</label>
            <input
              id="quantity"
              type="number"
              name="quantity"
              inputMode="numeric"
              min={1}
              max={Math.max(monster.stock, 1)}
              value={1}
              required
              disabled={soldOut}
              aria-describedby={soldOut ? 'sold-out' : undefined}
            />
            <button type="submit" disabled={soldOut}>
              {t.catalogue.addToCart}
            </button>
            {soldOut && <p id="sold-out">{t.catalogue.unavailable}</p>}
          </PostForm>
          <p>
            <a href={categoryUrl}>{t.catalogue.moreOfCategory(monster.category)}</a>
          </p>
        </div>
      </article>
    </Layout>
  );
}
