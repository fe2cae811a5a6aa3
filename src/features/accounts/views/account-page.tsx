import { formatDateTime } from '../../../i18n/i18n.js';
import type { SessionUser } from '../../../plugins/sessions/session.js';
import type { ActiveSession } from '../../../plugins/sessions/session-store.js';
import { FormError, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { type OrderHistoryPage, OrderList } from '../../orders/index.js';
import { accountsMessages } from '../accounts.messages.js';
import { END_OTHER_SESSIONS_PATH, END_SESSION_FORM, END_SESSION_PATH } from '../accounts-paths.js';
import { type NamedSession, namedSessions } from '../device-names.js';

export interface AccountPageProps {
  readonly ctx: ViewContext;
  readonly user: SessionUser & { readonly createdAt: string };
  readonly sessions: readonly ActiveSession[];
  readonly cookieStore: boolean;
  readonly orders: OrderHistoryPage;
  /** Why the last "sign out this session" was refused (shown with the 4xx status). */
  readonly refusal?: Refusal | undefined;
}

type AccountTexts = (typeof accountsMessages)['en'];

interface SessionCardProps {
  readonly ctx: ViewContext;
  readonly t: AccountTexts;
  readonly session: NamedSession;
}

/** One session: its device, when it signed in and was last seen, and a way to end it. */
function SessionCard({ ctx, t, session }: SessionCardProps) {
  const date = (iso: string) => formatDateTime(iso, ctx.lang);
  const lastSeen = date(session.lastSeenAt);
  return (
    <li class={session.current ? 'session-card current' : 'session-card'}>
      <p class="session-device">
        <strong>{session.deviceName}</strong>
        {session.current && <span class="badge">{t.thisDevice}</span>}
      </p>
      <dl class="session-times">
        <div>
          <dt>{t.signedInAt}</dt>
          <dd>
            <time dateTime={session.createdAt}>{date(session.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t.lastSeen}</dt>
          <dd>
            <time dateTime={session.lastSeenAt}>{lastSeen}</time>
          </dd>
        </div>
      </dl>
      {!session.current && (
        <PostForm ctx={ctx} action={END_SESSION_PATH} class="session-sign-out">
          <input type="hidden" name="session" value={session.handle} />
          <button
            type="submit"
            class="secondary"
            aria-label={t.signOutDevice(session.deviceName, lastSeen)}
          >
            {t.signOut}
          </button>
        </PostForm>
      )}
    </li>
  );
}

/** `GET /account`: profile, order history and the sessions signed in to the account. */
export function AccountPage({
  ctx,
  user,
  sessions,
  cookieStore,
  orders,
  refusal,
}: AccountPageProps) {
  const t = accountsMessages[ctx.lang];
  const shown = namedSessions(sessions, t);
  // A refusal of another form (the consent banner's) is the layout's to show.
  const refused = refusal ?? (ctx.refusal?.form === END_SESSION_FORM ? ctx.refusal : undefined);
  return (
    <Layout ctx={ctx} title={t.accountTitle}>
      <div class="account-page">
        <h1>{t.accountTitle}</h1>
        <FormError
          message={refused?.message}
          fields={refused?.fields}
          labels={{ session: t.sessions }}
          fieldId={() => 'sessions-title'}
          lang={ctx.lang}
        />
        <section class="account-section" aria-labelledby="profile-title">
          <h2 id="profile-title">{t.profile}</h2>
          <dl class="profile">
            <div>
              <dt>{t.name}</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt>{t.email}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt>{t.memberSince}</dt>
              <dd>
                <time dateTime={user.createdAt}>{formatDateTime(user.createdAt, ctx.lang)}</time>
              </dd>
            </div>
            {user.role !== 'customer' && (
              <div>
                <dt>{t.role}</dt>
                <dd>{t.roles[user.role]}</dd>
              </div>
            )}
          </dl>
        </section>
        <section class="account-section" aria-labelledby="orders-title">
          <h2 id="orders-title">{t.orders}</h2>
          <OrderList ctx={ctx} orders={orders} />
        </section>
        <section class="account-section" aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t.sessions}</h2>
          {cookieStore && <p>{t.cookieStoreNote}</p>}
          <ul class="session-list">
            {shown.map((session) => (
              <SessionCard key={session.handle} ctx={ctx} t={t} session={session} />
            ))}
          </ul>
          {/* The cookie store lists only this device: others may still exist. */}
          {(cookieStore || shown.length > 1) && (
            <PostForm ctx={ctx} action={END_OTHER_SESSIONS_PATH}>
              <button type="submit" class="secondary">
                {t.signOutOthers}
              </button>
            </PostForm>
          )}
        </section>
      </div>
    </Layout>
  );
}
