/** The cart's URLs; the JSON API has the same ones under /api. */
export const CART_PATH = '/cart';
export const CART_ITEMS_PATH = '/cart/items';
export const CART_ITEM_ROUTE = '/cart/items/:monster_id';

/** Where the cart's checkout form posts; the orders feature answers it. */
export const CHECKOUT_PATH = '/checkout';

export const cartItemPath = (monsterId: number): string => `${CART_ITEMS_PATH}/${monsterId}`;
