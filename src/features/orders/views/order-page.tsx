import { formatDateTime, formatNumber, formatPrice } from '../../../i18n/i18n.js';
import { monsterIdPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { ordersMessages } from '../orders.messages.js';
import type { Order, OrderCustomer } from '../orders.service.js';

/**
 * `GET /orders/:id`: what was ordered, when (with the time zone), its status
 * and total, and the way back to shopping. On a phone the lines stack as cards.
 * An administrator viewing a customer's order is told who placed it, and led
 * back to the administration rather than to an account that is not theirs.
 */
export function OrderPage({
  ctx,
  order,
  customer,
}: {
  readonly ctx: ViewContext;
  readonly order: Order;
  /** Given only to an administrator viewing another person's order. */
  readonly customer?: OrderCustomer | undefined;
}) {
  const t = ordersMessages[ctx.lang];
  const price = (cents: number) => <span class="amount">{formatPrice(cents, ctx.lang)}</span>;
  return (
    <Layout ctx={ctx} title={t.orderNumber(order.id)}>
      <div class="order-page">
        <h1>{t.orderNumber(order.id)}</h1>
        <dl class="order-facts">
          <div>
            <dt>{t.statusLabel}</dt>
            <dd>
              <span class={`order-status order-status-${order.status}`}>
                {t.status(order.status)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t.placedOnLabel}</dt>
            <dd>
              <time dateTime={order.created_at}>{formatDateTime(order.created_at, ctx.lang)}</time>
            </dd>
          </div>
          <div>
            <dt>{t.total}</dt>
            <dd>{price(order.total_cents)}</dd>
          </div>
          {customer && (
            <div class="order-customer">
              <dt>{t.customerLabel}</dt>
              <dd>
                {customer.name} (<a href={`mailto:${customer.email}`}>{customer.email}</a>)
              </dd>
            </div>
          )}
        </dl>
        <table class="order-table stacked-table">
          <caption>{t.items}</caption>
          <thead>
            <tr>
              <th scope="col">{t.monster}</th>
              <th scope="col" class="number">
                {t.unitPrice}
              </th>
              <th scope="col" class="number">
                {t.quantity}
              </th>
              <th scope="col" class="number">
                {t.lineTotal}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item, index) => (
              <tr key={`${item.monster_id ?? 'gone'}-${index}`}>
                <th scope="row" data-label={t.monster}>
                  {item.monster_id === null ? (
                    item.name
                  ) : (
                    <a href={monsterIdPath(item.monster_id)}>{item.name}</a>
                  )}
                </th>
                <td class="number" data-label={t.unitPrice}>
                  {price(item.unit_price_cents)}
                </td>
                <td class="number" data-label={t.quantity}>
                  {formatNumber(item.quantity, ctx.lang)}
                </td>
                <td class="number" data-label={t.lineTotal}>
                  {price(item.unit_price_cents * item.quantity)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t.total}
              </th>
              <td class="number">
                <strong>{price(order.total_cents)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
        <p class="page-actions">
          <a class="button" href={SITE_PATHS.monsters}>
            {t.continueShopping}
          </a>
          {customer ? (
            <a href={SITE_PATHS.adminMonsters}>{t.backToAdmin}</a>
          ) : (
            <a href={SITE_PATHS.account}>{t.backToAccount}</a>
          )}
        </p>
      </div>
    </Layout>
  );
}
