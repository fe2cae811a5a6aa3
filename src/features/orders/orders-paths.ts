import { API_PREFIX } from '../../shared/negotiation.js';

/**
 * The orders' URLs; the JSON API has the same ones under /api. Checkout
 * answers the cart's `CHECKOUT_PATH`, where the cart page's form posts.
 */
export const ORDERS_PATH = '/orders';
export const ORDER_ROUTE = `${ORDERS_PATH}/:id`;

/**
 * The order history is a section of the account page, under the heading
 * with this id: `/orders` leads there.
 */
export const ORDER_HISTORY_HEADING_ID = 'orders-title';

export const orderPath = (id: number): string => `${ORDERS_PATH}/${id}`;

/** The same order for API clients (the `Location` of a checkout's 201). */
export const apiOrderPath = (id: number): string => `${API_PREFIX}${orderPath(id)}`;
