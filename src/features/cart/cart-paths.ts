import { SITE_PATHS } from '../../shared/site-paths.js';

/** The cart's URLs; the JSON API has the same ones under /api. */
export const CART_PATH = SITE_PATHS.cart;
export const CART_ITEMS_PATH = SITE_PATHS.cartItems;
export const CART_ITEM_ROUTE = `${CART_ITEMS_PATH}/:monster_id`;

/** Where the cart's checkout form posts; the orders feature answers it. */
export const CHECKOUT_PATH = SITE_PATHS.checkout;

export const cartItemPath = (monsterId: number): string => `${CART_ITEMS_PATH}/${monsterId}`;

/*
 * The forms a refusal carried back to a page names (Post/Redirect/Get), and
 * the fields it marks.
 */
/** A monster's "Add to cart" form, on its page and on its card. */
export const addToCartFormId = (monsterId: number): string => `add-to-cart-${monsterId}`;
/** An add naming no monster of the shop: the cart page says why. */
export const ADD_TO_CART_FORM = 'add-to-cart';
/** The checkout form of the cart page. */
export const CHECKOUT_FORM = 'checkout';
/** A change naming no line: the cart page says why. */
export const CART_FORM = 'cart';
/** A cart line's quantity form, and its field (`field-<name>` is the input's id). */
export const cartLineFormId = (monsterId: number): string => `cart-line-${monsterId}`;
export const cartLineFieldName = (monsterId: number): string => `quantity-${monsterId}`;
