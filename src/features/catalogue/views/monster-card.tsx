import type { Monster } from '../../../db/monsters.queries.js';
import { formatNumber } from '../../../i18n/i18n.js';
import { monsterPath } from '../../../shared/site-paths.js';
import type { ViewContext } from '../../../views/view-context.js';
import { AddToCartForm, addToCartFormId } from '../../cart/index.js';
import { catalogueMessages } from '../catalogue.messages.js';
import { descriptionIn } from '../localized-monster.js';
import { isForSale, priceLabel } from './price-label.js';
import { StockBadge } from './stock-badge.js';

export interface MonsterCardProps {
  readonly ctx: ViewContext;
  readonly monster: Monster;
  /** The monster's category, named in the visitor's language. */
  readonly categoryName: string;
  /** The level of the card's heading under the page's own headings. */
  readonly headingLevel: 2 | 3;
  /** Where "Add to cart" comes back to, added or refused: the list as shown (this page by default). */
  readonly listUrl?: string | undefined;
  /** Search results show the description, where the words may have been found. */
  readonly withDescription?: boolean;
}

/**
 * One monster in a list: picture, name, category, height, price, stock and,
 * unless sold out or not for sale, "Add to cart", which brings the visitor back to this list
 * (a refused add too: its form then stays, to say why, even once sold out).
 * The same card on the catalogue, the search results and the home page.
 */
export function MonsterCard({
  ctx,
  monster,
  categoryName,
  headingLevel,
  listUrl,
  withDescription = false,
}: MonsterCardProps) {
  const t = catalogueMessages[ctx.lang].card;
  const href = monsterPath(monster);
  const nameId = `monster-${monster.id}-name`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const description = withDescription ? descriptionIn(monster, ctx.lang) : undefined;
  return (
    <article class="monster-card" aria-labelledby={nameId}>
      {/* The name's link covers the whole card (stylesheet), the form above it: one link per card. */}
      <div class="monster-card-picture">
        {monster.image ? (
          <img src={monster.image} alt="" width="160" height="160" loading="lazy" />
        ) : (
          <span class="monster-card-placeholder">?</span>
        )}
      </div>
      <div class="monster-card-body">
        <Heading class="monster-card-name" id={nameId}>
          <a href={href}>{monster.name}</a>
        </Heading>
        <p class="monster-card-facts">
          <span>{categoryName}</span>
          <span aria-hidden="true"> · </span>
          <span class="nowrap">{t.heightCm(formatNumber(monster.height, ctx.lang))}</span>
        </p>
        {description && description.text !== '' && (
          <p
            class="monster-card-description"
            // Not translated yet: the English text says so to screen readers and hyphenation.
            lang={description.lang === ctx.lang ? undefined : description.lang}
          >
            {description.text}
          </p>
        )}
        <p class="monster-card-price price">{priceLabel(monster, ctx.lang)}</p>
        <StockBadge ctx={ctx} stock={monster.stock} />
      </div>
      {((monster.stock > 0 && isForSale(monster)) ||
        ctx.refusal?.form === addToCartFormId(monster.id)) && (
        <AddToCartForm
          ctx={ctx}
          monster={monster}
          next={listUrl ?? ctx.path}
          back={listUrl}
          compact
        />
      )}
    </article>
  );
}
