import { formatPrice, type Lang } from '../../../i18n/i18n.js';
import { defineMessages } from '../../../i18n/localized.js';

const priceMessages = defineMessages({
  en: { notForSale: 'Not for sale' },
  fr: { notForSale: 'Pas à vendre' },
});

/**
 * A monster without a price (the course's `INSERT INTO monsters(id, name,
 * height)` leaves it at 0) is not for sale: no "€0.00", no "Add to cart".
 */
export function isForSale(monster: { readonly price_cents: number }): boolean {
  return monster.price_cents > 0;
}

/** The price as the shop shows it: "€12.00", or "Not for sale". */
export function priceLabel(monster: { readonly price_cents: number }, lang: Lang): string {
  return isForSale(monster)
    ? formatPrice(monster.price_cents, lang)
    : priceMessages[lang].notForSale;
}
