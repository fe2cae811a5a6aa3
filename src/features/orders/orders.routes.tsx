import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { messagesFor } from '../../i18n/i18n.js';
import { currentUser, requireUser, signInUrl } from '../../plugins/auth-guards.js';
import { HttpError } from '../../shared/http-error.js';
import { emptyCart, priceCart } from '../cart/cart.service.js';
import { checkoutTokenOf, forgetCheckoutToken } from '../cart/checkout-token.js';
import { CartPage } from '../cart/views/cart-page.js';
import { CheckoutForm, OrderIdText } from './orders.schemas.js';
import { CheckoutKeyReused, checkout, getOrderFor } from './orders.service.js';
import { OrderPage } from './views/order-page.js';

/** Checkout and order pages (docs/requirements.md §4). */
export const ordersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  /**
   * The form's one-time token is the idempotency key (docs/decisions/007): a
   * second submit, or a retry after a lost answer, lands on the same order.
   */
  app.post('/checkout', { schema: { body: CheckoutForm } }, async (request, reply) => {
    const session = await request.session();
    if (!session.user) return reply.redirect(signInUrl('/cart'), 303);
    const key = request.body.checkout_token || undefined;
    try {
      const outcome = await checkout(
        db,
        session.user,
        session.data.cart ?? {},
        request.lang(),
        key,
      );
      if (outcome.cartOrdered) emptyCart(session);
      forgetCheckoutToken(session);
      session.flash('success', messagesFor(request.lang()).orders.placed(outcome.orderId));
      return reply.redirect(`/orders/${outcome.orderId}`, 303);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // A used token must not come back on the page: the changed cart gets a new one.
      if (error instanceof CheckoutKeyReused && session.data.checkoutToken === key)
        forgetCheckoutToken(session);
      const cart = await priceCart(db, session.data.cart ?? {});
      const checkoutToken = checkoutTokenOf(session);
      return reply.page(
        (ctx) => (
          <CartPage ctx={ctx} cart={cart} error={error.message} checkoutToken={checkoutToken} />
        ),
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
