import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentUser, requireUser } from '../../plugins/auth-guards.js';
import { emptyCart } from '../cart/cart.service.js';
import { forgetCheckoutToken } from '../cart/checkout-token.js';
import { CheckoutHeaders, OrderIdParams, OrderJson, OrderSummaryJson } from './orders.schemas.js';
import { checkout, getOrderFor, listOrdersFor, orderJson } from './orders.service.js';

const TAGS = ['orders'];

/** The key named by an `Idempotency-Key` header, without the quotes of its RFC 8941 form. */
function idempotencyKeyOf(header: string | undefined): string | undefined {
  return header?.startsWith('"') ? header.slice(1, -1) : header;
}

/** Checkout and the caller's orders for API clients (docs/requirements.md §5). */
export const ordersApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/api/checkout',
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary:
          "Order the session's cart (400 empty, 409 short of stock, 422 Idempotency-Key reused for another cart)",
        headers: CheckoutHeaders,
        response: { 201: OrderJson },
      },
    },
    async (request, reply) => {
      const session = await request.session();
      const user = await currentUser(request);
      const key = idempotencyKeyOf(request.headers['idempotency-key']);
      const outcome = await checkout(db, user, session.data.cart ?? {}, request.lang(), key);
      if (outcome.cartOrdered) {
        emptyCart(session);
        forgetCheckoutToken(session);
      }
      // A replay is the same answer as the first time (201), marked as such (as Stripe does).
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      const order = await getOrderFor(db, user, outcome.orderId);
      return reply
        .code(201)
        .header('Location', `/api/orders/${outcome.orderId}`)
        .send(orderJson(order));
    },
  );

  app.get(
    '/api/orders',
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary: "The caller's orders, newest first",
        response: { 200: Type.Array(OrderSummaryJson) },
      },
    },
    async (request) =>
      (await listOrdersFor(db, await currentUser(request))).map(
        ({ user_id: _owner, ...order }) => order,
      ),
  );

  app.get(
    '/api/orders/:id',
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary: 'One order of the caller (404 for anyone else’s)',
        params: OrderIdParams,
        response: { 200: OrderJson },
      },
    },
    async (request) =>
      orderJson(await getOrderFor(db, await currentUser(request), request.params.id)),
  );
};
