import { monsterPath } from '../../shared/site-paths.js';
import type { PricedCart } from './cart.service.js';

/** The cart as the API shows it. */
export function cartJson(cart: PricedCart) {
  return {
    items: cart.lines.map(({ monster, quantity, lineTotalCents }) => ({
      monster_id: monster.id,
      name: monster.name,
      url: monsterPath(monster),
      image: monster.image,
      unit_price_cents: monster.price_cents,
      quantity,
      line_total_cents: lineTotalCents,
      stock: monster.stock,
    })),
    count: cart.count,
    total_cents: cart.totalCents,
  };
}
