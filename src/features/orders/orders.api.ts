import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { currentUser, requireUser } from '../../plugins/auth-guards.js';
import { SIGN_IN_FIRST, SIGNED_IN, SIGNED_IN_WRITE } from '../../shared/schemas.js';
import { CHECKOUT_PATH, emptyCart, forgetCheckoutToken } from '../cart/index.js';
import {
  CheckoutHeaders,
  CheckoutJson,
  OrderIdParams,
  OrderJson,
  OrderListJson,
} from './orders.schemas.js';
import { checkout, getOrderFor, listOrdersFor, orderJson } from './orders.service.js';
import { apiOrderPath, ORDER_ROUTE, ORDERS_PATH } from './orders-paths.js';

const TAGS = ['orders'];

/** The key named by an `Idempotency-Key` header, without the quotes of its RFC 8941 form. */
function idempotencyKeyOf(header: string | undefined): string | undefined {
  return header?.startsWith('"') ? header.slice(1, -1) : header;
}

/** Checkout and the caller's orders for API clients (docs/requirements.md §5), registered under /api. */
export const ordersApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    CHECKOUT_PATH,
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary:
          "Order the session's cart (400 empty, 409 short of stock, 422 Idempotency-Key reused for another cart)",
        security: SIGNED_IN_WRITE,
        headers: CheckoutHeaders,
        body: CheckoutJson,
        response: { 201: OrderJson, 401: SIGN_IN_FIRST },
      },
    },
    async (request, reply) => {
      const session = await request.session();
      const user = await currentUser(request);
      const key = idempotencyKeyOf(request.headers['idempotency-key']);
      const outcome = await checkout(db, user, session.data.cart ?? {}, key);
      if (outcome.cartOrdered) {
        emptyCart(session);
        forgetCheckoutToken(session);
      }
      // A replay is the same answer as the first time (201), marked as such (as Stripe does).
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      const order = await getOrderFor(db, user, outcome.orderId);
      return reply
        .code(201)
        .header('Location', apiOrderPath(outcome.orderId))
        .send(orderJson(order));
    },
  );

  app.get(
    ORDERS_PATH,
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary: "The caller's orders, newest first",
        security: SIGNED_IN,
        response: { 200: OrderListJson, 401: SIGN_IN_FIRST },
      },
    },
    async (request) =>
      (await listOrdersFor(db, await currentUser(request))).map(
        ({ user_id: _owner, ...order }) => order,
      ),
  );

  app.get(
    ORDER_ROUTE,
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary: 'One order of the caller (404 for anyone else’s)',
        security: SIGNED_IN,
        params: OrderIdParams,
        response: { 200: OrderJson, 401: SIGN_IN_FIRST },
      },
    },
    async (request) =>
      orderJson(await getOrderFor(db, await currentUser(request), request.params.id)),
  );
};
