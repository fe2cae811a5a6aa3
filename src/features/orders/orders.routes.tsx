import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Lang } from '../../i18n/i18n.js';
import { currentUser, requireUser, signInUrl } from '../../plugins/auth-guards.js';
import { readForm } from '../../plugins/read-form.js';
import type { Session } from '../../plugins/sessions/session.js';
import { DomainError } from '../../shared/domain-error.js';
import { isPrintableAscii } from '../../shared/safe-redirect.js';
import { SITE_PATHS } from '../../shared/site-paths.js';
import {
  CART_PATH,
  CHECKOUT_FORM,
  CHECKOUT_PATH,
  cartLineFieldName,
  emptyCart,
  forgetCheckoutToken,
  refuseToPage,
} from '../cart/index.js';
import { ordersErrors, ordersMessages, type ShortItem } from './orders.messages.js';
import { CheckoutForm, OrderIdParams } from './orders.schemas.js';
import { checkout, customerShownTo, getOrderFor } from './orders.service.js';
import { ORDER_HISTORY_HEADING_ID, ORDER_ROUTE, ORDERS_PATH, orderPath } from './orders-paths.js';
import { OrderPage } from './views/order-page.js';

/**
 * A used token must not come back on the cart page: the cart changed since
 * it placed its order, so the page gets a new one.
 */
function forgetUsedToken(session: Session, error: DomainError, key: string | undefined): void {
  if (error.code === ordersErrors.checkoutKeyReused.code && session.data.checkoutToken === key) {
    forgetCheckoutToken(session);
  }
}

/** The cart lines a refused checkout found short, each with a word beside its quantity. */
function shortLineFields(error: DomainError, lang: Lang): Record<string, string> | undefined {
  if (error.code !== ordersErrors.notEnoughStock.code) return undefined;
  const { items } = error.params as { readonly items: readonly ShortItem[] };
  const { notEnoughForLine } = ordersMessages[lang];
  // A monster deleted since has no line on the cart page to mark.
  const named = items.flatMap(({ id, name }) => (name === undefined ? [] : [{ id, name }]));
  return Object.fromEntries(
    named.map(({ id, name }) => [cartLineFieldName(id), notEnoughForLine(name)]),
  );
}

/** Checkout and order pages (docs/requirements.md §4). */
export const ordersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  /**
   * The form's one-time token is the idempotency key (docs/decisions/007): a
   * second submit, or a retry after a lost answer, lands on the same order.
   * A refusal re-shows the cart with its reason.
   */
  const checkoutRefusalTarget = { page: CART_PATH, form: CHECKOUT_FORM };
  app.post(
    CHECKOUT_PATH,
    { config: { refusalTarget: () => checkoutRefusalTarget } },
    async (request, reply) => {
      const session = await request.session();
      if (!session.user) return reply.redirect(signInUrl(CART_PATH), 303);
      const form = readForm(CheckoutForm, request.body);
      if (!form.ok) {
        return refuseToPage(request, reply, CART_PATH, { form: CHECKOUT_FORM, error: form.error });
      }
      const key = form.value.checkout_token;
      try {
        const outcome = await checkout(db, session.user, session.data.cart ?? {}, key);
        if (outcome.cartOrdered) emptyCart(session);
        forgetCheckoutToken(session);
        session.flash('success', ordersMessages[request.lang()].placed(outcome.orderId));
        return reply.redirect(orderPath(outcome.orderId), 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        forgetUsedToken(session, error, key);
        const fields = shortLineFields(error, request.lang());
        return refuseToPage(request, reply, CART_PATH, {
          form: CHECKOUT_FORM,
          error,
          ...(fields && { fields }),
        });
      }
    },
  );

  // A refused checkout leads back to the cart; this path, typed or bookmarked, does too.
  app.get(CHECKOUT_PATH, async (_request, reply) => reply.redirect(CART_PATH, 303));

  // The orders' own folder, typed or trimmed from an order's URL, is the history
  // on the account page (whose `?page=` it keeps); signed out, that page asks to sign in.
  app.get(ORDERS_PATH, async (request, reply) => {
    const queryStart = request.url.indexOf('?');
    const query = queryStart === -1 ? '' : request.url.slice(queryStart);
    // Bytes no Location header may carry are not worth a failure: the history's first page.
    const kept = isPrintableAscii(query) ? query : '';
    return reply.redirect(`${SITE_PATHS.account}${kept}#${ORDER_HISTORY_HEADING_ID}`, 303);
  });

  app.get(ORDER_ROUTE, { preHandler: requireUser }, async (request, reply) => {
    // Any id that is not an order's, a word or `1.5` included, is a page not found.
    const params = readForm(OrderIdParams, request.params);
    if (!params.ok) throw ordersErrors.unknownOrder();
    const viewer = await currentUser(request);
    const order = await getOrderFor(db, viewer, params.value.id);
    const customer = await customerShownTo(db, viewer, order);
    return reply.page((ctx) => <OrderPage ctx={ctx} order={order} customer={customer} />);
  });
};
