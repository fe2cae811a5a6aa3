export { cartApi } from './cart.api.js';
export { cartMerge } from './cart.plugin.js';
export { cartRoutes, refuseToPage } from './cart.routes.js';
export { MAX_CART_LINES, MAX_QUANTITY_PER_LINE, MIN_QUANTITY_PER_LINE } from './cart.schemas.js';
export { emptyCart } from './cart.service.js';
export {
  addToCartFormId,
  CART_PATH,
  CHECKOUT_FORM,
  CHECKOUT_PATH,
  cartLineFieldName,
} from './cart-paths.js';
export { forgetCheckoutToken } from './checkout-token.js';
export { type AddableMonster, AddToCartForm } from './views/add-to-cart-form.js';
