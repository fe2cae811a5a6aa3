import type { DB } from '../../db/connection.js';
import type { Cart, Session } from '../../plugins/sessions/session.js';
import { cartErrors } from './cart.messages.js';
import { type CartMonster, findCartMonsters } from './cart.queries.js';
import { MAX_CART_LINES, MAX_QUANTITY_PER_LINE } from './cart.schemas.js';

export interface CartLine {
  readonly monster: CartMonster;
  readonly quantity: number;
  readonly lineTotalCents: number;
}

export interface PricedCart {
  readonly lines: readonly CartLine[];
  readonly count: number;
  readonly totalCents: number;
}

const cartIds = (cart: Cart) => Object.keys(cart).map(Number);

/** The cart with today's prices. Monsters deleted since they were added are left out. */
export async function priceCart(db: DB, cart: Cart): Promise<PricedCart> {
  const monsters = await findCartMonsters(db, cartIds(cart));
  const lines = monsters.map((monster) => {
    const quantity = cart[String(monster.id)] ?? 0;
    return { monster, quantity, lineTotalCents: quantity * monster.price_cents };
  });
  return {
    lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    totalCents: lines.reduce((sum, line) => sum + line.lineTotalCents, 0),
  };
}

async function monsterOrNotFound(db: DB, monsterId: number): Promise<CartMonster> {
  const [monster] = await findCartMonsters(db, [monsterId]);
  if (!monster) throw cartErrors.unknownMonster({ field: 'monster_id' });
  return monster;
}

/** A new line in a full cart is refused, nothing changed. */
function checkRoomFor(cart: Cart, monsterId: number): void {
  if (String(monsterId) in cart || Object.keys(cart).length < MAX_CART_LINES) return;
  throw cartErrors.tooManyLines({ max: MAX_CART_LINES }, { field: 'monster_id' });
}

function withQuantity(cart: Cart, monsterId: number, quantity: number): Cart {
  const { [String(monsterId)]: _previous, ...rest } = cart;
  return quantity > 0 ? { ...rest, [String(monsterId)]: quantity } : rest;
}

/**
 * Checks a wanted quantity against the price (a monster without one is not
 * for sale), the stock and the per-line ceiling: a quantity that cannot be
 * had is refused, nothing changed.
 */
function checkQuantity({ name, stock, price_cents }: CartMonster, wanted: number): void {
  const field = { field: 'quantity' };
  if (price_cents <= 0) throw cartErrors.notForSale({ name }, field);
  if (wanted > MAX_QUANTITY_PER_LINE) {
    throw cartErrors.tooMany({ name, max: MAX_QUANTITY_PER_LINE }, field);
  }
  if (wanted > stock) {
    throw stock === 0
      ? cartErrors.soldOut({ name }, field)
      : cartErrors.notEnoughStock({ name, stock }, field);
  }
}

/** Adds to the session's cart (docs/requirements.md §4 `POST /cart/items`). Returns the monster added. */
export async function addToCart(
  db: DB,
  session: Session,
  monsterId: number,
  quantity: number,
): Promise<CartMonster> {
  const monster = await monsterOrNotFound(db, monsterId);
  const cart = session.data.cart ?? {};
  const wanted = (cart[String(monsterId)] ?? 0) + quantity;
  checkRoomFor(cart, monsterId);
  checkQuantity(monster, wanted);
  session.update({ cart: withQuantity(cart, monsterId, wanted) });
  return monster;
}

/** Sets a line's quantity; 0 removes it (also for a monster deleted meanwhile). */
export async function setCartQuantity(
  db: DB,
  session: Session,
  monsterId: number,
  quantity: number,
): Promise<void> {
  const cart = session.data.cart ?? {};
  if (quantity === 0) {
    session.update({ cart: withQuantity(cart, monsterId, 0) });
    return;
  }
  const monster = await monsterOrNotFound(db, monsterId);
  checkRoomFor(cart, monsterId);
  checkQuantity(monster, quantity);
  session.update({ cart: withQuantity(cart, monsterId, quantity) });
}

export function emptyCart(session: Session): void {
  session.update({ cart: {} });
}

/**
 * Sign-in merge: quantities add, each line capped by the stock (and the
 * per-line ceiling); monsters that no longer exist are dropped. Past
 * MAX_CART_LINES lines, the lines of the cart just filled are kept first.
 */
export async function mergeCarts(db: DB, anonymous: Cart, previous: Cart): Promise<Cart> {
  const ids = [...new Set([...cartIds(anonymous), ...cartIds(previous)])];
  const byId = new Map((await findCartMonsters(db, ids)).map((monster) => [monster.id, monster]));
  const merged: Record<string, number> = {};
  for (const monster of ids.flatMap((id) => byId.get(id) ?? [])) {
    if (Object.keys(merged).length === MAX_CART_LINES) break;
    const key = String(monster.id);
    const quantity = Math.min(
      (anonymous[key] ?? 0) + (previous[key] ?? 0),
      monster.stock,
      MAX_QUANTITY_PER_LINE,
    );
    if (quantity > 0) merged[key] = quantity;
  }
  return merged;
}
