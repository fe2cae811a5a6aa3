import { formatNumber } from '../../../i18n/i18n.js';
import type { ViewContext } from '../../../views/view-context.js';
import { catalogueMessages } from '../catalogue.messages.js';

/** At or under this many left, a badge says how many: "Only 2 left". */
export const FEW_LEFT = 5;

type StockLevel = 'plenty' | 'few' | 'none';

export function stockLevel(stock: number): StockLevel {
  if (stock <= 0) return 'none';
  return stock <= FEW_LEFT ? 'few' : 'plenty';
}

/** The symbol beside the words: the badge never speaks by its colour alone. */
const SYMBOL: Readonly<Record<StockLevel, string>> = { plenty: '✓', few: '!', none: '✕' };

interface StockBadgeProps {
  readonly ctx: ViewContext;
  readonly stock: number;
  /** The monster's own page says how many there are, not only that there are some. */
  readonly counted?: boolean;
  readonly id?: string;
}

/** "In stock", "Only 2 left", "Sold out": words and a symbol, colour only repeats them. */
export function StockBadge({ ctx, stock, counted = false, id }: StockBadgeProps) {
  const t = catalogueMessages[ctx.lang].card;
  const level = stockLevel(stock);
  const count = formatNumber(stock, ctx.lang);
  const text =
    level === 'none'
      ? t.soldOut
      : level === 'few'
        ? t.fewLeft(count)
        : counted
          ? t.stockCount(count)
          : t.inStock;
  return (
    <p class={`stock-badge stock-${level}`} id={id}>
      <span class="stock-symbol" aria-hidden="true">
        {SYMBOL[level]}
      </span>
      {text}
    </p>
  );
}
