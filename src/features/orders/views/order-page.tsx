import { formatDateTime, formatPrice } from '../../../i18n/i18n.js';
import { monsterIdPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { ordersMessages } from '../orders.messages.js';
import type { Order } from '../orders.service.js';

export function OrderPage({ ctx, order }: { readonly ctx: ViewContext; readonly order: Order }) {
  const t = ordersMessages[ctx.lang];
  const price = (cents: number) => formatPrice(cents, ctx.lang);
  return (
    <Layout ctx={ctx} title={t.orderNumber(order.id)}>
      <h1>{t.orderNumber(order.id)}</h1>
      <p>
        {t.placedOn(formatDateTime(order.created_at, ctx.lang))} · {t.status(order.status)}
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t.items}</caption>
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
                <th scope="row">
                  {item.monster_id === null ? (
                    item.name
                  ) : (
                    <a href={monsterIdPath(item.monster_id)}>{item.name}</a>
                  )}
                </th>
                <td class="number">{price(item.unit_price_cents)}</td>
                <td class="number">{item.quantity}</td>
                <td class="number">{price(item.unit_price_cents * item.quantity)}</td>
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
      </div>
      <p>
        <a href={SITE_PATHS.account}>{t.backToAccount}</a>
      </p>
    </Layout>
  );
}
