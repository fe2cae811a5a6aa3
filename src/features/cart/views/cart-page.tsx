import { formatPrice } from '../../../i18n/i18n.js';
import { monsterPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { FormError, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { cartMessages } from '../cart.messages.js';
import { MAX_QUANTITY_PER_LINE, MIN_NEW_QUANTITY } from '../cart.schemas.js';
import type { PricedCart } from '../cart.service.js';
import { CHECKOUT_PATH, cartItemPath } from '../cart-paths.js';

export interface CartPageProps {
  readonly ctx: ViewContext;
  readonly cart: PricedCart;
  /** Why the last change was refused (shown with the 4xx status). */
  readonly refusal?: Refusal | undefined;
  /** The checkout form's one-time token: a double submit places one order. */
  readonly checkoutToken?: string | undefined;
}

/** The cart's forms have no field to show a message beside: the message and the fields' own, once each. */
const sentencesOf = ({ message, fields }: Refusal) =>
  [...new Set([message, ...Object.values(fields)])].join(' ');

export function CartPage({ ctx, cart, refusal, checkoutToken }: CartPageProps) {
  const t = cartMessages[ctx.lang];
  const price = (cents: number) => formatPrice(cents, ctx.lang);
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <FormError message={refusal && sentencesOf(refusal)} />
      {cart.lines.length === 0 ? (
        <p>
          {t.empty} <a href={SITE_PATHS.monsters}>{t.browse}</a>
        </p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="cart-table">
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
                {cart.lines.map(({ monster, quantity, lineTotalCents }) => (
                  <tr key={monster.id}>
                    <th scope="row">
                      <a href={monsterPath(monster)}>{monster.name}</a>
                    </th>
                    <td class="number">{price(monster.price_cents)}</td>
                    <td>
                      <PostForm ctx={ctx} action={cartItemPath(monster.id)} class="quantity-form">
                        <label class="visually-hidden" for={`quantity-${monster.id}`}>
                          {t.quantityOf(monster.name)}
                        </label>
                        <input
                          id={`quantity-${monster.id}`}
                          type="number"
                          name="quantity"
                          value={quantity}
                          min={MIN_NEW_QUANTITY}
                          max={Math.min(monster.stock, MAX_QUANTITY_PER_LINE)}
                          required
                        />
                        <button type="submit" class="secondary">
                          {t.update}
                        </button>
                      </PostForm>
                      <PostForm ctx={ctx} action={cartItemPath(monster.id)} class="inline-form">
                        <input type="hidden" name="quantity" value="0" />
                        <button
                          type="submit"
                          class="link-button"
                          aria-label={t.removeItem(monster.name)}
                        >
                          {t.remove}
                        </button>
                      </PostForm>
                    </td>
                    <td class="number">{price(lineTotalCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t.total(cart.count)}
                  </th>
                  <td class="number">
                    <strong>{price(cart.totalCents)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <PostForm ctx={ctx} action={CHECKOUT_PATH} class="checkout-form">
            {checkoutToken && <input type="hidden" name="checkout_token" value={checkoutToken} />}
            <button type="submit">{ctx.user ? t.checkout : t.signInToCheckout}</button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}
