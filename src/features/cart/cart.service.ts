import type { DB } from '../../db/connection.js';
import { type Lang, messagesFor } from '../../i18n/i18n.js';
import type { Cart, Session } from '../../plugins/sessions/session.js';
import { HttpError } from '../../shared/http-error.js';
import { type CartMonster, findCartMonsters } from './cart.queries.js';

/** A sane ceiling per line, whatever the stock. */
export const MAX_QUANTITY_PER_LINE = 99;

/**
 * A sane ceiling on the lines of a cart, above what a cookie-stored session
 * can hold: with the per-line ceiling and the highest price the admin
 * accepts, no order total can pass 5 × 10^12 cents (a safe integer, and
 * `bigint` on PostgreSQL), and a database-stored session stays small.
 */
export const MAX_CART_LINES = 500;

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

async function monsterOrNotFound(db: DB, monsterId: number, lang: Lang): Promise<CartMonster> {
  const [monster] = await findCartMonsters(db, [monsterId]);
  if (!monster)
    throw new HttpError(404, messagesFor(lang).cart.unknownMonster, {
      errors: { monster_id: messagesFor(lang).cart.unknownMonster },
    });
  return monster;
}

/** A new line in a full cart: 409 with a clear message and nothing changed. */
function checkRoomFor(cart: Cart, monsterId: number, lang: Lang): void {
  if (String(monsterId) in cart || Object.keys(cart).length < MAX_CART_LINES) return;
  const message = messagesFor(lang).cart.tooManyLines(MAX_CART_LINES);
  throw new HttpError(409, message, { errors: { monster_id: message } });
}

function withQuantity(cart: Cart, monsterId: number, quantity: number): Cart {
  const { [String(monsterId)]: _previous, ...rest } = cart;
  return quantity > 0 ? { ...rest, [String(monsterId)]: quantity } : rest;
}

/**
 * Checks a wanted quantity against the stock and the per-line ceiling; 409
 * with a clear message and nothing changed when it cannot be had.
 */
function checkQuantity(monster: CartMonster, wanted: number, lang: Lang): void {
  const t = messagesFor(lang).cart;
  if (wanted > MAX_QUANTITY_PER_LINE) {
    throw new HttpError(409, t.tooMany(monster.name, MAX_QUANTITY_PER_LINE), {
      errors: { quantity: t.tooMany(monster.name, MAX_QUANTITY_PER_LINE) },
    });
  }
  if (wanted > monster.stock) {
    const message =
      monster.stock === 0 ? t.soldOut(monster.name) : t.notEnoughStock(monster.name, monster.stock);
    throw new HttpError(409, message, { errors: { quantity: message } });
  }
}

/** Adds to the session's cart (docs/requirements.md §4 `POST /cart/items`). Returns the monster added. */
export async function addToCart(
  db: DB,
  session: Session,
  monsterId: number,
  quantity: number,
  lang: Lang,
): Promise<CartMonster> {
  const monster = await monsterOrNotFound(db, monsterId, lang);
  const cart = session.data.cart ?? {};
  const wanted = (cart[String(monsterId)] ?? 0) + quantity;
  checkRoomFor(cart, monsterId, lang);
  checkQuantity(monster, wanted, lang);
  session.update({ cart: withQuantity(cart, monsterId, wanted) });
  return monster;
}

/** Sets a line's quantity; 0 removes it (also for a monster deleted meanwhile). */
export async function setCartQuantity(
  db: DB,
  session: Session,
  monsterId: number,
  quantity: number,
  lang: Lang,
): Promise<void> {
  const cart = session.data.cart ?? {};
  if (quantity === 0) {
    session.update({ cart: withQuantity(cart, monsterId, 0) });
    return;
  }
  const monster = await monsterOrNotFound(db, monsterId, lang);
  checkRoomFor(cart, monsterId, lang);
  checkQuantity(monster, quantity, lang);
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
