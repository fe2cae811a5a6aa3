import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { currentUser, requireUser } from '../../plugins/auth-guards.js';
import { emptyCart } from '../cart/cart.service.js';
import { OrderIdParams, OrderJson, OrderSummaryJson } from './orders.schemas.js';
import { checkout, getOrderFor, listOrdersFor, orderJson } from './orders.service.js';

const TAGS = ['orders'];

/** Checkout and the caller's orders for API clients (SPEC §5). */
export const ordersApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/api/checkout',
    {
      preHandler: requireUser,
      schema: {
        tags: TAGS,
        summary: "Order the session's cart (400 empty, 409 short of stock)",
        response: { 201: OrderJson },
      },
    },
    async (request, reply) => {
      const session = await request.session();
      const user = await currentUser(request);
      const orderId = await checkout(db, user, session.data.cart ?? {}, request.lang());
      emptyCart(session);
      const order = await getOrderFor(db, user, orderId);
      return reply.code(201).header('Location', `/api/orders/${orderId}`).send(orderJson(order));
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
