import { formatDateTime, formatPrice } from '../../../i18n/i18n.js';
import { SITE_PATHS } from '../../../shared/site-paths.js';
import { Pagination } from '../../../views/pagination.js';
import type { ViewContext } from '../../../views/view-context.js';
import { ordersMessages } from '../orders.messages.js';
import type { OrderHistoryPage } from '../orders.service.js';
import { orderPath } from '../orders-paths.js';

/** A page of the order history, on the account page. */
const historyPage = (page: number) => `${SITE_PATHS.account}?page=${page}`;

/**
 * The order history on the account page, one page at a time (`/account?page=`):
 * a table on wide screens, one card per order on a phone.
 */
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
        <table class="order-history stacked-table">
          <caption class="visually-hidden">{t.history}</caption>
          <thead>
            <tr>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.placedOnLabel}</th>
              <th scope="col">{t.statusLabel}</th>
              <th scope="col" class="number">
                {t.total}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t.details}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => (
              <tr key={order.id}>
                <th scope="row" data-label={t.number}>
                  {t.orderNumber(order.id)}
                </th>
                <td data-label={t.placedOnLabel}>
                  <time dateTime={order.created_at}>
                    {formatDateTime(order.created_at, ctx.lang)}
                  </time>
                </td>
                <td data-label={t.statusLabel}>
                  <span class={`order-status order-status-${order.status}`}>
                    {t.status(order.status)}
                  </span>
                </td>
                <td class="number" data-label={t.total}>
                  <span class="amount">{formatPrice(order.total_cents, ctx.lang)}</span>
                </td>
                <td class="row-link">
                  <a href={orderPath(order.id)} aria-label={t.viewOrder(order.id)}>
                    {t.view}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          <a href={SITE_PATHS.account}>{ctx.t.pagination.backToFirstPage}</a>
        </p>
      )}
      <Pagination ctx={ctx} page={page} perPage={perPage} total={total} href={historyPage} />
    </>
  );
}
