import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { messagesFor } from '../../i18n/i18n.js';
import { SessionTooLargeError } from '../../plugins/sessions/session.js';
import { HttpError } from '../../shared/http-error.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { AddItemForm, MonsterIdText, SetQuantityForm } from './cart.schemas.js';
import { addToCart, priceCart, setCartQuantity } from './cart.service.js';
import { checkoutTokenOf } from './checkout-token.js';
import { CartPage } from './views/cart-page.js';

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** The course's "nozama" cart, kept in the session (docs/requirements.md §4). */
export const cartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  const showCart = async (request: FastifyRequest, reply: FastifyReply, error?: HttpError) => {
    const session = await request.existingSession();
    const cart = await priceCart(db, session?.data.cart ?? {});
    const t = messagesFor(request.lang()).cart;
    const message = error instanceof SessionTooLargeError ? t.cartTooLarge : error?.message;
    const checkoutToken = cart.lines.length > 0 ? checkoutTokenOf(session) : undefined;
    return reply.page(
      (ctx) => <CartPage ctx={ctx} cart={cart} error={message} checkoutToken={checkoutToken} />,
      error?.status ?? 200,
    );
  };

  app.get('/cart', async (request, reply) => showCart(request, reply));

  app.post('/cart/items', { schema: { body: AddItemForm } }, async (request, reply) => {
    const t = messagesFor(request.lang()).cart;
    try {
      const monsterId = wholeNumber(request.body.monster_id);
      if (monsterId === undefined || monsterId < 1) throw new HttpError(404, t.unknownMonster);
      const quantity = wholeNumber(request.body.quantity ?? '1');
      if (quantity === undefined || quantity < 1) throw new HttpError(400, t.invalidQuantity);
      const session = await request.session();
      const monster = await addToCart(db, session, monsterId, quantity, request.lang());
      session.flash('success', t.added(monster.name, quantity));
      return reply.redirect(safeNextPath(request.body.next, '/cart'), 303);
    } catch (error) {
      if (error instanceof HttpError) return showCart(request, reply, error);
      throw error;
    }
  });

  app.post(
    '/cart/items/:monster_id',
    { schema: { params: MonsterIdText, body: SetQuantityForm } },
    async (request, reply) => {
      const t = messagesFor(request.lang()).cart;
      try {
        const monsterId = wholeNumber(request.params.monster_id);
        if (monsterId === undefined || monsterId < 1) throw new HttpError(404, t.unknownMonster);
        const quantity = wholeNumber(request.body.quantity);
        if (quantity === undefined) throw new HttpError(400, t.invalidQuantity);
        const session = await request.session();
        await setCartQuantity(db, session, monsterId, quantity, request.lang());
        session.flash('success', quantity === 0 ? t.removed : t.updated);
        return reply.redirect('/cart', 303);
      } catch (error) {
        if (error instanceof HttpError) return showCart(request, reply, error);
        throw error;
      }
    },
  );
};
