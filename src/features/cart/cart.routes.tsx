import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusalStatus } from '../../plugins/errors.js';
import { readForm } from '../../plugins/read-form.js';
import { SessionTooLargeError } from '../../plugins/sessions/session.js';
import { asDomainError, type DomainError } from '../../shared/domain-error.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { refusalOf } from '../../views/form.js';
import { cartErrors, cartMessages } from './cart.messages.js';
import { AddItemForm, MonsterIdParams, SetQuantityForm } from './cart.schemas.js';
import { addToCart, priceCart, setCartQuantity } from './cart.service.js';
import { CART_ITEM_ROUTE, CART_ITEMS_PATH, CART_PATH } from './cart-paths.js';
import { checkoutTokenOf } from './checkout-token.js';
import { CartPage } from './views/cart-page.js';

/** What the cart can refuse: its own rules, or a cookie session with no room left. */
function refusal(error: unknown): DomainError {
  return error instanceof SessionTooLargeError
    ? cartErrors.tooLargeForCookie()
    : asDomainError(error);
}

/** The cart page; after a refused change, its reason with the status that says it. */
export async function showCart(
  request: FastifyRequest,
  reply: FastifyReply,
  refused?: DomainError,
): Promise<FastifyReply> {
  const session = await request.existingSession();
  const cart = await priceCart(request.server.database.db, session?.data.cart ?? {});
  const checkoutToken = cart.lines.length > 0 ? checkoutTokenOf(session) : undefined;
  const shown = refused && refusalOf(refused, request.lang());
  return reply.page(
    (ctx) => <CartPage ctx={ctx} cart={cart} refusal={shown} checkoutToken={checkoutToken} />,
    refusalStatus(reply, refused),
  );
}

/** The course's "nozama" cart, kept in the session (docs/requirements.md §4). */
export const cartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(CART_PATH, async (request, reply) => showCart(request, reply));

  app.post(CART_ITEMS_PATH, async (request, reply) => {
    const form = readForm(AddItemForm, request.body);
    if (!form.ok) return showCart(request, reply, form.error);
    const { monster_id, quantity = 1, next } = form.value;
    try {
      const session = await request.session();
      const monster = await addToCart(db, session, monster_id, quantity);
      session.flash('success', cartMessages[request.lang()].added(monster.name, quantity));
      return reply.redirect(safeNextPath(next, CART_PATH), 303);
    } catch (error) {
      return showCart(request, reply, refusal(error));
    }
  });

  app.post(CART_ITEM_ROUTE, async (request, reply) => {
    const params = readForm(MonsterIdParams, request.params);
    if (!params.ok) return showCart(request, reply, cartErrors.unknownMonster());
    const form = readForm(SetQuantityForm, request.body);
    if (!form.ok) return showCart(request, reply, form.error);
    const { quantity } = form.value;
    try {
      const session = await request.session();
      await setCartQuantity(db, session, params.value.monster_id, quantity);
      const t = cartMessages[request.lang()];
      session.flash('success', quantity === 0 ? t.removed : t.updated);
      return reply.redirect(CART_PATH, 303);
    } catch (error) {
      return showCart(request, reply, refusal(error));
    }
  });
};
