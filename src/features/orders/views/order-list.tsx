import { formatDateTime, formatPrice } from '../../../i18n/i18n.js';
import { SITE_PATHS } from '../../../shared/site-paths.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import { ordersMessages } from '../orders.messages.js';
import type { OrderHistoryPage } from '../orders.service.js';
import { orderPath } from '../orders-paths.js';

/** A page of the order history, on the account page. */
const historyPage = (page: number) => `${SITE_PATHS.account}?page=${page}`;

/** The order history on the account page, one page at a time (`/account?page=`). */
export function OrderList({
  ctx,
  orders,
}: {
  readonly ctx: ViewContext;
  readonly orders: OrderHistoryPage;
}) {
  const t = ordersMessages[ctx.lang];
  const { items, page, perPage, total } = orders;
  if (total === 0) return <p>{t.noOrders}</p>;
  return (
    <>
      {items.length > 0 ? (
        <ul class="order-list">
          {items.map((order) => (
            <li key={order.id}>
              <a href={orderPath(order.id)}>{t.orderNumber(order.id)}</a> —{' '}
              {formatDateTime(order.created_at, ctx.lang)} —{' '}
              {formatPrice(order.total_cents, ctx.lang)}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <a href={SITE_PATHS.account}>{ctx.t.pagination.backToFirstPage}</a>
        </p>
      )}
      <Pagination ctx={ctx} page={page} perPage={perPage} total={total} href={historyPage} />
    </>
  );
}
