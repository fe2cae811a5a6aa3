import { formatPrice } from '../../../i18n/i18n.js';
import type { CarriedRefusal } from '../../../plugins/sessions/session.js';
import { monsterPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { FormError, PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { cartMessages } from '../cart.messages.js';
import { MAX_QUANTITY_PER_LINE, MIN_NEW_QUANTITY } from '../cart.schemas.js';
import type { CartLine, PricedCart } from '../cart.service.js';
import { CHECKOUT_PATH, cartItemPath, cartLineFieldName, cartLineFormId } from '../cart-paths.js';

/** A refused form of this page (or one carried here): its message, marked fields and values. */
export type CartRefusal = Pick<CarriedRefusal, 'form' | 'message' | 'fields' | 'values'>;

export interface CartPageProps {
  readonly ctx: ViewContext;
  readonly cart: PricedCart;
  /** Why the last change was refused (shown with the 4xx status). */
  readonly refusal?: CartRefusal | undefined;
  /** The checkout form's one-time token: a double submit places one order. */
  readonly checkoutToken?: string | undefined;
}

type CartTexts = (typeof cartMessages)['en'];

/**
 * The error summary of a refusal: a link to each line it marks; what it says
 * of fields the page does not show (a hidden token, a monster id) joins the
 * message, each sentence once.
 */
function summaryOf(refusal: CartRefusal, cart: PricedCart, t: CartTexts) {
  // The lines' quantity fields, named after their monster, in the table's order.
  const labels = Object.fromEntries(
    cart.lines.map(({ monster }) => [cartLineFieldName(monster.id), t.quantityOf(monster.name)]),
  );
  const fields = Object.entries(refusal.fields);
  const unshown = fields.filter(([name]) => !Object.hasOwn(labels, name)).map(([, text]) => text);
  return {
    message: [...new Set([refusal.message, ...unshown])].join(' '),
    fields: Object.fromEntries(fields.filter(([name]) => Object.hasOwn(labels, name))),
    labels,
  };
}

function EmptyCart({ ctx, t }: { readonly ctx: ViewContext; readonly t: CartTexts }) {
  return (
    <section class="empty-cart">
      <img src={ctx.staticUrl('img/pumpkin.svg')} alt="" width="160" height="160" />
      <p>{t.emptyInvitation}</p>
      <a class="button" href={SITE_PATHS.monsters}>
        {t.browse}
      </a>
    </section>
  );
}

interface LineProps {
  readonly ctx: ViewContext;
  readonly t: CartTexts;
  readonly line: CartLine;
  readonly refusal: CartRefusal | undefined;
}

/** One line: the quantity input is marked when a refusal names it, and keeps what was typed. */
function CartLineRow({ ctx, t, line, refusal }: LineProps) {
  const { monster, quantity, lineTotalCents } = line;
  const price = (cents: number) => formatPrice(cents, ctx.lang);
  const field = cartLineFieldName(monster.id);
  const id = `field-${field}`;
  const error = refusal?.fields[field];
  const typed = refusal?.form === cartLineFormId(monster.id) ? refusal.values.quantity : undefined;
  return (
    <tr class={error ? 'refused' : undefined}>
      <th scope="row" data-label={t.monster}>
        <a href={monsterPath(monster)}>{monster.name}</a>
      </th>
      <td class="number" data-label={t.unitPrice}>
        <span class="amount">{price(monster.price_cents)}</span>
      </td>
      <td data-label={t.quantity}>
        <PostForm ctx={ctx} action={cartItemPath(monster.id)} class="quantity-form">
          <label class="visually-hidden" for={id}>
            {t.quantityOf(monster.name)}
          </label>
          <input
            id={id}
            type="number"
            name="quantity"
            inputMode="numeric"
            value={typed ?? quantity}
            min={MIN_NEW_QUANTITY}
            max={Math.min(monster.stock, MAX_QUANTITY_PER_LINE)}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <button type="submit" class="secondary" aria-label={t.updateItem(monster.name)}>
            {t.update}
          </button>
        </PostForm>
        <PostForm ctx={ctx} action={cartItemPath(monster.id)} class="inline-form">
          <input type="hidden" name="quantity" value="0" />
          <button type="submit" class="link-button" aria-label={t.removeItem(monster.name)}>
            {t.remove}
          </button>
        </PostForm>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </td>
      <td class="number" data-label={t.lineTotal}>
        <span class="amount">{price(lineTotalCents)}</span>
      </td>
    </tr>
  );
}

/**
 * The cart as a table on wide screens; on a phone each line stacks as a card
 * whose cells name themselves (`data-label`), so no price is ever cut.
 */
export function CartPage({ ctx, cart, refusal, checkoutToken }: CartPageProps) {
  const t = cartMessages[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title}>
      <div class="cart-page">
        <h1>{t.title}</h1>
        {refusal && <FormError {...summaryOf(refusal, cart, t)} lang={ctx.lang} />}
        {cart.lines.length === 0 ? (
          <EmptyCart ctx={ctx} t={t} />
        ) : (
          <>
            <table class="cart-table stacked-table">
              <caption class="visually-hidden">{t.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.monster}</th>
                  <th scope="col" class="number">
                    {t.unitPrice}
                  </th>
                  <th scope="col">{t.quantity}</th>
                  <th scope="col" class="number">
                    {t.lineTotal}
                  </th>
                </tr>
              </thead>
              <tbody>
                {cart.lines.map((line) => (
                  <CartLineRow
                    key={line.monster.id}
                    ctx={ctx}
                    t={t}
                    line={line}
                    refusal={refusal}
                  />
                ))}
              </tbody>
            </table>
            <div class="cart-summary">
              <p class="cart-total">
                <span>{t.total(cart.count)}</span>{' '}
                <strong class="amount">{formatPrice(cart.totalCents, ctx.lang)}</strong>
              </p>
              <PostForm ctx={ctx} action={CHECKOUT_PATH} class="checkout-form">
                {checkoutToken && (
                  <input type="hidden" name="checkout_token" value={checkoutToken} />
                )}
                <button type="submit">{ctx.user ? t.checkout : t.signInToCheckout}</button>
              </PostForm>
              <p>
                <a href={SITE_PATHS.monsters}>{t.continueShopping}</a>
              </p>
            </div>
          </>
        )}
      </div>
    </Layout>
  );
}
