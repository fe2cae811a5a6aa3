import { formatDateTime, formatPrice } from '../../../i18n/i18n.js';
import type { ViewContext } from '../../../views/view-context.js';
import { Pagination } from '../../catalogue/views/pagination.js';
import type { OrderHistoryPage } from '../orders.service.js';

/** The order history on the account page, one page at a time (`/account?page=`). */
export function OrderList({
  ctx,
  orders,
}: {
  readonly ctx: ViewContext;
  readonly orders: OrderHistoryPage;
}) {
  const t = ctx.t.orders;
  const { items, page, perPage, total } = orders;
  if (total === 0) return <p>{ctx.t.accounts.noOrders}</p>;
  return (
    <>
      {items.length > 0 ? (
        <ul class="order-list">
          {items.map((order) => (
            <li key={order.id}>
              <a href={`/orders/${order.id}`}>{t.orderNumber(order.id)}</a> —{' '}
              {formatDateTime(order.created_at, ctx.lang)} —{' '}
              {formatPrice(order.total_cents, ctx.lang)}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <a href="/account">{ctx.t.catalogue.backToFirstPage}</a>
        </p>
      )}
      <Pagination
        ctx={ctx}
        page={page}
        perPage={perPage}
        total={total}
        href={(number) => `/account?page=${number}`}
      />
    </>
  );
}
