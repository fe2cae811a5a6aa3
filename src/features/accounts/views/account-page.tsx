import { formatDateTime } from '../../../i18n/i18n.js';
import type { SessionUser } from '../../../plugins/sessions/session.js';
import type { ActiveSession } from '../../../plugins/sessions/session-store.js';
import { PostForm } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { OrderHistoryPage } from '../../orders/orders.service.js';
import { OrderList } from '../../orders/views/order-list.js';

export interface AccountPageProps {
  readonly ctx: ViewContext;
  readonly user: SessionUser & { readonly createdAt: string };
  readonly sessions: readonly ActiveSession[];
  readonly cookieStore: boolean;
  readonly orders: OrderHistoryPage;
}

export function AccountPage({ ctx, user, sessions, cookieStore, orders }: AccountPageProps) {
  const t = ctx.t.accounts;
  const date = (iso: string) => formatDateTime(iso, ctx.lang);
  return (
    <Layout ctx={ctx} title={t.accountTitle}>
      <h1>{t.accountTitle}</h1>
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t.profile}</h2>
        <dl class="profile">
          <dt>{t.name}</dt>
          <dd>{user.name}</dd>
          <dt>{t.email}</dt>
          <dd>{user.email}</dd>
          <dt>{t.role}</dt>
          <dd>{t.roles[user.role]}</dd>
          <dt>{t.memberSince}</dt>
          <dd>{date(user.createdAt)}</dd>
        </dl>
      </section>
      <section aria-labelledby="orders-title">
        <h2 id="orders-title">{t.orders}</h2>
        <OrderList ctx={ctx} orders={orders} />
      </section>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t.sessions}</h2>
        {cookieStore && <p>{t.cookieStoreNote}</p>}
        <ul class="session-list">
          {sessions.map((session) => (
            <li key={session.handle}>
              <strong>
                {session.current ? t.thisDevice : (session.userAgent ?? t.unknownDevice)}
              </strong>
              {session.current && session.userAgent && (
                <span class="user-agent"> — {session.userAgent}</span>
              )}
              <br />
              {t.signedInAt} {date(session.createdAt)} · {t.lastSeen} {date(session.lastSeenAt)}
              {!session.current && (
                <PostForm ctx={ctx} action="/account/sessions/end" class="inline-form">
                  <input type="hidden" name="session" value={session.handle} />{' '}
                  <button type="submit" class="secondary">
                    {t.signOutSession}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
        <PostForm ctx={ctx} action="/account/sessions/end-others">
          <button type="submit" class="secondary">
            {t.signOutOthers}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}
