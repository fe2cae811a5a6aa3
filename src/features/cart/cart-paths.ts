import { SITE_PATHS } from '../../shared/site-paths.js';

/** The cart's URLs; the JSON API has the same ones under /api. */
export const CART_PATH = SITE_PATHS.cart;
export const CART_ITEMS_PATH = SITE_PATHS.cartItems;
export const CART_ITEM_ROUTE = `${CART_ITEMS_PATH}/:monster_id`;

/** Where the cart's checkout form posts; the orders feature answers it. */
export const CHECKOUT_PATH = SITE_PATHS.checkout;

export const cartItemPath = (monsterId: number): string => `${CART_ITEMS_PATH}/${monsterId}`;

/** The id of a monster's "Add to cart" form: a refusal carried back names it. */
export const addToCartFormId = (monsterId: number): string => `add-to-cart-${monsterId}`;
