import { formatPrice } from '../../../i18n/i18n.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { OrderRow } from '../orders.queries.js';
import { formatDateTime } from './order-page.js';

/** The order history on the account page. */
export function OrderList({
  ctx,
  orders,
}: {
  readonly ctx: ViewContext;
  readonly orders: readonly OrderRow[];
}) {
  const t = ctx.t.orders;
  if (orders.length === 0) return <p>{ctx.t.accounts.noOrders}</p>;
  return (
    <ul class="order-list">
      {orders.map((order) => (
        <li key={order.id}>
          <a href={`/orders/${order.id}`}>{t.orderNumber(order.id)}</a> —{' '}
          {formatDateTime(order.created_at, ctx.lang)} — {formatPrice(order.total_cents, ctx.lang)}
        </li>
      ))}
    </ul>
  );
}
