import { formatDateTime } from '../../../i18n/i18n.js';
import type { SessionUser } from '../../../plugins/sessions/session.js';
import type { ActiveSession } from '../../../plugins/sessions/session-store.js';
import { FormError, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { type OrderHistoryPage, OrderList } from '../../orders/index.js';
import { accountsMessages } from '../accounts.messages.js';
import { END_OTHER_SESSIONS_PATH, END_SESSION_PATH } from '../accounts-paths.js';

export interface AccountPageProps {
  readonly ctx: ViewContext;
  readonly user: SessionUser & { readonly createdAt: string };
  readonly sessions: readonly ActiveSession[];
  readonly cookieStore: boolean;
  readonly orders: OrderHistoryPage;
  /** Why the last "sign out this session" was refused (shown with the 4xx status). */
  readonly refusal?: Refusal | undefined;
}

export function AccountPage({
  ctx,
  user,
  sessions,
  cookieStore,
  orders,
  refusal,
}: AccountPageProps) {
  const t = accountsMessages[ctx.lang];
  const date = (iso: string) => formatDateTime(iso, ctx.lang);
  return (
    <Layout ctx={ctx} title={t.accountTitle}>
      <h1>{t.accountTitle}</h1>
      <FormError message={refusal?.message} />
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
                <PostForm ctx={ctx} action={END_SESSION_PATH} class="inline-form">
                  <input type="hidden" name="session" value={session.handle} />{' '}
                  <button type="submit" class="secondary">
                    {t.signOutSession}
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
        <PostForm ctx={ctx} action={END_OTHER_SESSIONS_PATH}>
          <button type="submit" class="secondary">
            {t.signOutOthers}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}
