import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readForm, type TypedValues } from '../../plugins/read-form.js';
import {
  carriedRefusalOf,
  type RefusalToCarry,
  redirectWithRefusal,
} from '../../plugins/refusal-redirect.js';
import { formFieldOf, type RefusalTarget, WHOLE_PAGE_FORM } from '../../plugins/refusal-target.js';
import { type CarriedRefusal, SessionTooLargeError } from '../../plugins/sessions/session.js';
import { asDomainError, type DomainError } from '../../shared/domain-error.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { cartErrors, cartMessages } from './cart.messages.js';
import { AddItemForm, MonsterIdParams, SetQuantityForm } from './cart.schemas.js';
import { addToCart, priceCart, setCartQuantity } from './cart.service.js';
import {
  ADD_TO_CART_FORM,
  addToCartFormId,
  CART_FORM,
  CART_ITEM_ROUTE,
  CART_ITEMS_PATH,
  CART_PATH,
  cartLineFieldName,
  cartLineFormId,
} from './cart-paths.js';
import { checkoutTokenOf } from './checkout-token.js';
import { CartPage } from './views/cart-page.js';

/** What the cart can refuse: its own rules, or a cookie session with no room left. */
function refusal(error: unknown): DomainError {
  return error instanceof SessionTooLargeError
    ? cartErrors.tooLargeForCookie()
    : asDomainError(error);
}

/** The cart page; after a refused form, its reason with the status that says it. */
export async function showCart(
  request: FastifyRequest,
  reply: FastifyReply,
  refused?: CarriedRefusal,
): Promise<FastifyReply> {
  const session = await request.existingSession();
  const cart = await priceCart(request.server.database.db, session?.data.cart ?? {});
  const checkoutToken = cart.lines.length > 0 ? checkoutTokenOf(session) : undefined;
  return reply.page(
    (ctx) => (
      <CartPage
        ctx={ctx}
        cart={cart}
        refusal={refused ?? shownByCart(ctx.refusal)}
        checkoutToken={checkoutToken}
      />
    ),
    refused?.status ?? 200,
  );
}

/**
 * A form refused on one of the cart's POST-only URLs goes back to the page
 * it came from (Post/Redirect/Get), or is shown on the cart page at once
 * when the session has no room left to carry it.
 */
export async function refuseToPage(
  request: FastifyRequest,
  reply: FastifyReply,
  target: string,
  toCarry: RefusalToCarry,
): Promise<FastifyReply> {
  const carried = carriedRefusalOf(request, reply, toCarry);
  if (await redirectWithRefusal(request, reply, target, carried)) return reply;
  return showCart(request, reply, carried);
}

/**
 * A refused add goes back to the page its form was on (`back`), to be shown
 * beside that monster's quantity. An add naming no monster of the shop has
 * no form to go back to: the cart page says why.
 */
function refuseAdd(
  request: FastifyRequest,
  reply: FastifyReply,
  values: TypedValues,
  error: DomainError,
): Promise<FastifyReply> {
  const named = readForm(MonsterIdParams, { monster_id: values.monster_id });
  const toItsForm = named.ok && error.code !== cartErrors.unknownMonster.code;
  const target = toItsForm ? safeNextPath(values.back, CART_PATH) : CART_PATH;
  const form = named.ok ? addToCartFormId(named.value.monster_id) : ADD_TO_CART_FORM;
  return refuseToPage(request, reply, target, {
    form,
    error,
    values: { quantity: values.quantity },
  });
}

/** A refused change of a line goes back to the cart, that line's quantity marked. */
function refuseLineChange(
  request: FastifyRequest,
  reply: FastifyReply,
  monsterId: number,
  values: TypedValues,
  error: DomainError,
): Promise<FastifyReply> {
  const lang = request.lang();
  const fieldText = error.fields.quantity?.text(lang) ?? error.text(lang);
  return refuseToPage(request, reply, CART_PATH, {
    form: cartLineFormId(monsterId),
    error,
    fields: { [cartLineFieldName(monsterId)]: fieldText },
    values: { quantity: values.quantity },
  });
}

/** A refusal of the page as a whole is the layout's to show. */
function shownByCart(refusal: CarriedRefusal | undefined): CarriedRefusal | undefined {
  return refusal?.form === WHOLE_PAGE_FORM ? undefined : refusal;
}

/**
 * Where an add the platform refused (an expired page, a body too large) goes
 * back to: beside the monster's quantity on the page the form says it was
 * on, when the body could be read; the cart otherwise.
 */
function addRefusalTarget(request: FastifyRequest): RefusalTarget {
  const named = readForm(MonsterIdParams, { monster_id: formFieldOf(request, 'monster_id') });
  if (!named.ok) return { page: CART_PATH, form: ADD_TO_CART_FORM };
  return {
    page: safeNextPath(formFieldOf(request, 'back'), CART_PATH),
    form: addToCartFormId(named.value.monster_id),
  };
}

/** Where a line change the platform refused goes back to: that line of the cart. */
function lineRefusalTarget(request: FastifyRequest): RefusalTarget {
  const params = readForm(MonsterIdParams, request.params);
  return {
    page: CART_PATH,
    form: params.ok ? cartLineFormId(params.value.monster_id) : CART_FORM,
  };
}

/** The course's "nozama" cart, kept in the session (docs/requirements.md §4). */
export const cartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(CART_PATH, async (request, reply) => showCart(request, reply));

  app.post(
    CART_ITEMS_PATH,
    { config: { refusalTarget: addRefusalTarget } },
    async (request, reply) => {
      const form = readForm(AddItemForm, request.body);
      if (!form.ok) return refuseAdd(request, reply, form.values, form.error);
      const { monster_id, quantity = 1, next } = form.value;
      try {
        const session = await request.session();
        const monster = await addToCart(db, session, monster_id, quantity);
        session.flash('success', cartMessages[request.lang()].added(monster.name, quantity));
        return reply.redirect(safeNextPath(next, CART_PATH), 303);
      } catch (error) {
        return refuseAdd(request, reply, form.values, refusal(error));
      }
    },
  );

  app.post(
    CART_ITEM_ROUTE,
    { config: { refusalTarget: lineRefusalTarget } },
    async (request, reply) => {
      const params = readForm(MonsterIdParams, request.params);
      if (!params.ok) {
        return refuseToPage(request, reply, CART_PATH, {
          form: CART_FORM,
          error: cartErrors.unknownMonster(),
        });
      }
      const monsterId = params.value.monster_id;
      const form = readForm(SetQuantityForm, request.body);
      if (!form.ok) return refuseLineChange(request, reply, monsterId, form.values, form.error);
      const { quantity } = form.value;
      try {
        const session = await request.session();
        await setCartQuantity(db, session, monsterId, quantity);
        const t = cartMessages[request.lang()];
        session.flash('success', quantity === 0 ? t.removed : t.updated);
        return reply.redirect(CART_PATH, 303);
      } catch (error) {
        return refuseLineChange(request, reply, monsterId, form.values, refusal(error));
      }
    },
  );
};
