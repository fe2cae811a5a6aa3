import type { Monster } from '../../../db/monsters.queries.js';
import { formatNumber } from '../../../i18n/i18n.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { AddToCartForm, addToCartFormId } from '../../cart/index.js';
import { catalogueMessages } from '../catalogue.messages.js';
import { categoryUrl, MONSTERS_PATH, monsterApiPath } from '../catalogue-paths.js';
import { descriptionIn } from '../localized-monster.js';
import { isForSale, priceLabel } from './price-label.js';
import { StockBadge } from './stock-badge.js';

interface MonsterPageProps {
  readonly ctx: ViewContext;
  readonly monster: Monster;
  /** Its category, named in the visitor's language. */
  readonly categoryName: string;
}

/** `GET /monsters/:category/:id`: picture, facts and the "Add to cart" form. */
export function MonsterPage({ ctx, monster, categoryName }: MonsterPageProps) {
  const catalogue = catalogueMessages[ctx.lang];
  const t = catalogue.monster;
  const categoryList = categoryUrl(monster.category);
  // In English until translated: marked so, for screen readers and hyphenation.
  const description = descriptionIn(monster, ctx.lang);
  return (
    <Layout ctx={ctx} title={monster.name}>
      <nav aria-label={t.breadcrumb}>
        <ol class="breadcrumb">
          <li>
            <a href={MONSTERS_PATH}>{catalogue.title}</a>
          </li>
          <li>
            <a href={categoryList}>{categoryName}</a>
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
          <p
            class="monster-description"
            lang={description.lang === ctx.lang ? undefined : description.lang}
          >
            {description.text}
          </p>
          <dl class="monster-facts">
            <dt>{t.height}</dt>
            <dd>{t.heightCm(formatNumber(monster.height, ctx.lang))}</dd>
            <dt>{t.category}</dt>
            <dd>
              <a href={categoryList}>{categoryName}</a>
            </dd>
            <dt>{t.price}</dt>
            <dd class="monster-price price">{priceLabel(monster, ctx.lang)}</dd>
            <dt>{t.availability}</dt>
            <dd>
              <StockBadge ctx={ctx} stock={monster.stock} counted />
            </dd>
          </dl>
          {(isForSale(monster) || ctx.refusal?.form === addToCartFormId(monster.id)) && (
            <AddToCartForm ctx={ctx} monster={monster} />
          )}
          <p>
            <a href={categoryList}>{t.moreOfCategory(categoryName)}</a>
          </p>
          <p>
            <a href={monsterApiPath(monster.id)} type="application/json">
              {t.asJson}
            </a>
          </p>
        </div>
      </article>
    </Layout>
  );
}
