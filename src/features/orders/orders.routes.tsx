import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { messagesFor } from '../../i18n/i18n.js';
import { currentUser, requireUser, signInUrl } from '../../plugins/auth-guards.js';
import { HttpError } from '../../shared/http-error.js';
import { emptyCart, priceCart } from '../cart/cart.service.js';
import { CartPage } from '../cart/views/cart-page.js';
import { OrderIdText } from './orders.schemas.js';
import { checkout, getOrderFor } from './orders.service.js';
import { OrderPage } from './views/order-page.js';

/** Checkout and order pages (SPEC §4). */
export const ordersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post('/checkout', async (request, reply) => {
    const session = await request.session();
    if (!session.user) return reply.redirect(signInUrl('/cart'), 303);
    try {
      const orderId = await checkout(db, session.user, session.data.cart ?? {}, request.lang());
      emptyCart(session);
      session.flash('success', messagesFor(request.lang()).orders.placed(orderId));
      return reply.redirect(`/orders/${orderId}`, 303);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const cart = await priceCart(db, session.data.cart ?? {});
      return reply.page(
        (ctx) => <CartPage ctx={ctx} cart={cart} error={error.message} />,
        error.status,
      );
    }
  });

  app.get(
    '/orders/:id',
    { preHandler: requireUser, schema: { params: OrderIdText } },
    async (request, reply) => {
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : undefined;
      if (id === undefined) throw new HttpError(404);
      const order = await getOrderFor(db, await currentUser(request), id);
      return reply.page((ctx) => <OrderPage ctx={ctx} order={order} />);
    },
  );
};
