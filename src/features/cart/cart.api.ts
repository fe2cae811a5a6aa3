import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddItemJson, CartJson, MonsterIdParams, SetQuantityJson } from './cart.schemas.js';
import { addToCart, priceCart, setCartQuantity } from './cart.service.js';
import { cartJson } from './cart-json.js';
import { CART_ITEM_ROUTE, CART_ITEMS_PATH, CART_PATH } from './cart-paths.js';

const TAGS = ['cart'];

/** The session's cart for API clients (docs/requirements.md §5), registered under /api. */
export const cartApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const currentCart = async (cart = {}) => cartJson(await priceCart(db, cart));

  app.get(
    CART_PATH,
    {
      schema: {
        tags: TAGS,
        summary: "The session's cart, priced today",
        response: { 200: CartJson },
      },
    },
    async (request) => currentCart((await request.existingSession())?.data.cart),
  );

  app.post(
    CART_ITEMS_PATH,
    {
      schema: {
        tags: TAGS,
        summary: 'Add a quantity of a monster (409 beyond the stock, cart unchanged)',
        body: AddItemJson,
        response: { 200: CartJson },
      },
    },
    async (request) => {
      const session = await request.session();
      await addToCart(db, session, request.body.monster_id, request.body.quantity);
      return currentCart(session.data.cart);
    },
  );

  app.put(
    CART_ITEM_ROUTE,
    {
      schema: {
        tags: TAGS,
        summary: "Set a line's quantity (0 removes it)",
        params: MonsterIdParams,
        body: SetQuantityJson,
        response: { 200: CartJson },
      },
    },
    async (request) => {
      const session = await request.session();
      await setCartQuantity(db, session, request.params.monster_id, request.body.quantity);
      return currentCart(session.data.cart);
    },
  );

  app.delete(
    CART_ITEM_ROUTE,
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a line',
        params: MonsterIdParams,
        response: { 200: CartJson },
      },
    },
    async (request) => {
      const session = await request.session();
      await setCartQuantity(db, session, request.params.monster_id, 0);
      return currentCart(session.data.cart);
    },
  );
};
