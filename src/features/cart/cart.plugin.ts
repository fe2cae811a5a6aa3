import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { mergeCarts } from './cart.service.js';

/** On sign-in, the visitor's cart joins the one the user left in their latest session. */
export const cartMerge = fp(
  async (app: FastifyInstance) => {
    app.sessions.onSignIn(async ({ session, previousData }) => {
      const previous = previousData?.cart ?? {};
      const current = session.data.cart ?? {};
      if (Object.keys(previous).length === 0) return;
      session.update({ cart: await mergeCarts(app.database.db, current, previous) });
    });
  },
  { name: 'cart-merge', dependencies: ['sessions'] },
);
