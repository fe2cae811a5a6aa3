import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ThrottleConfig } from '../../config/config.js';
import { currentUser, requireUser } from '../../plugins/auth-guards.js';
import { refusalStatus } from '../../plugins/errors.js';
import { readForm } from '../../plugins/read-form.js';
import { carriedRefusalOf, redirectWithRefusal } from '../../plugins/refusal-redirect.js';
import { type RefusalTarget, WHOLE_PAGE_FORM } from '../../plugins/refusal-target.js';
import { asDomainError, type DomainError } from '../../shared/domain-error.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { refusalOf } from '../../views/form.js';
import { orderHistoryPage } from '../orders/index.js';
import { accountsErrors, accountsMessages } from './accounts.messages.js';
import {
  AccountQuery,
  EndSessionForm,
  LoginForm,
  NextQuery,
  RegisterForm,
} from './accounts.schemas.js';
import { accountProfile, authenticate, createUser } from './accounts.service.js';
import {
  ACCOUNT_PATH,
  END_OTHER_SESSIONS_PATH,
  END_SESSION_FORM,
  END_SESSION_PATH,
  LOGIN_PATH,
  LOGOUT_PATH,
  loginPath,
  REGISTER_PATH,
  SIGNED_OUT_PATH,
} from './accounts-paths.js';
import { registrationLimit, signInLimit } from './throttling.js';
import { AccountPage } from './views/account-page.js';
import { type AuthFormState, LoginPage, RegisterPage } from './views/auth-pages.js';

/** A same-site `next` to carry in the form, or none. */
function safeNext(next: string | undefined): string | undefined {
  const safe = safeNextPath(next, '');
  return safe === '' ? undefined : safe;
}

type ShownValues = Readonly<Record<string, string | undefined>>;

/** What a sign-in or registration page shows: the values typed (never the password), the refusal. */
function formState(request: FastifyRequest, values: ShownValues, refused?: DomainError) {
  const state: AuthFormState = {
    email: values.email,
    name: values.name,
    next: safeNext(values.next),
    refusal: refused && refusalOf(refused, request.lang()),
  };
  return state;
}

function showLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  values: ShownValues,
  refused?: DomainError,
) {
  const form = formState(request, values, refused);
  return reply.page((ctx) => <LoginPage ctx={ctx} form={form} />, refusalStatus(reply, refused));
}

function showRegister(
  request: FastifyRequest,
  reply: FastifyReply,
  values: ShownValues,
  refused?: DomainError,
) {
  const form = formState(request, values, refused);
  return reply.page((ctx) => <RegisterPage ctx={ctx} form={form} />, refusalStatus(reply, refused));
}

/** The account page (one page of the order history); after a refused form, its reason. */
async function showAccount(
  request: FastifyRequest,
  reply: FastifyReply,
  page: number,
  refused?: DomainError,
) {
  const { db } = request.server.database;
  const signedIn = await currentUser(request);
  const [user, sessions, orders] = await Promise.all([
    accountProfile(db, signedIn.id),
    request.server.sessions.listSessions(request),
    orderHistoryPage(db, signedIn, page),
  ]);
  const cookieStore = request.server.sessions.store.kind === 'cookie';
  const shown = refused && refusalOf(refused, request.lang());
  return reply.page(
    (ctx) => (
      <AccountPage
        ctx={ctx}
        user={user}
        sessions={sessions}
        orders={orders}
        cookieStore={cookieStore}
        refusal={shown}
      />
    ),
    refusalStatus(reply, refused),
  );
}

/**
 * A refused "sign out this session" goes back to the account page
 * (Post/Redirect/Get), or is shown at once when the session has no room to
 * carry it.
 */
async function refuseEndSession(request: FastifyRequest, reply: FastifyReply, error: DomainError) {
  const carried = carriedRefusalOf(request, reply, { form: END_SESSION_FORM, error });
  if (await redirectWithRefusal(request, reply, ACCOUNT_PATH, carried)) return reply;
  return showAccount(request, reply, 1, error);
}

/** A refused sign-out goes back to the front page, where signing out leads. */
const logoutRefusalTarget = { page: SIGNED_OUT_PATH, form: WHOLE_PAGE_FORM };

/**
 * A "sign out" form of the account page the platform refused goes back to
 * that page; when the session was ended meanwhile (signed out everywhere
 * else from another device), to the sign-in page leading back to it.
 */
async function sessionsRefusalTarget(request: FastifyRequest): Promise<RefusalTarget> {
  if ((await request.existingSession())?.user)
    return { page: ACCOUNT_PATH, form: END_SESSION_FORM };
  return { page: loginPath(ACCOUNT_PATH), form: WHOLE_PAGE_FORM };
}
const sessionsConfig = { refusalTarget: sessionsRefusalTarget };

/** Sign-in, registration, sign-out and the account page (docs/requirements.md §4, §6). */
export const accountsRoutes: FastifyPluginAsyncTypebox<{ throttle: ThrottleConfig }> = async (
  app,
  { throttle },
) => {
  const db = app.database.db;

  app.get(LOGIN_PATH, { schema: { querystring: NextQuery } }, async (request, reply) =>
    showLogin(request, reply, request.query),
  );

  app.post(LOGIN_PATH, { config: { rateLimit: signInLimit(throttle) } }, async (request, reply) => {
    const form = readForm(LoginForm, request.body);
    if (!form.ok) return showLogin(request, reply, form.values, form.error);
    try {
      if (form.value.website !== undefined) throw accountsErrors.formRejected();
      const user = await authenticate(db, throttle, form.value);
      const session = await app.sessions.signIn(request, user);
      session.flash('success', accountsMessages[request.lang()].welcomeBack(user.name));
      return reply.redirect(safeNextPath(form.value.next, ACCOUNT_PATH), 303);
    } catch (error) {
      return showLogin(request, reply, form.values, asDomainError(error));
    }
  });

  app.get(REGISTER_PATH, { schema: { querystring: NextQuery } }, async (request, reply) =>
    showRegister(request, reply, request.query),
  );

  app.post(
    REGISTER_PATH,
    { config: { rateLimit: registrationLimit(throttle) } },
    async (request, reply) => {
      const form = readForm(RegisterForm, request.body);
      if (!form.ok) return showRegister(request, reply, form.values, form.error);
      try {
        if (form.value.website !== undefined) throw accountsErrors.formRejected();
        const user = await createUser(db, form.value, 'customer');
        const session = await app.sessions.signIn(request, user);
        session.flash('success', accountsMessages[request.lang()].welcome(user.name));
        return reply.redirect(safeNextPath(form.value.next, ACCOUNT_PATH), 303);
      } catch (error) {
        return showRegister(request, reply, form.values, asDomainError(error));
      }
    },
  );

  app.post(
    LOGOUT_PATH,
    { config: { refusalTarget: () => logoutRefusalTarget } },
    async (request, reply) => {
      const session = await request.session();
      session.signOut();
      session.flash('success', accountsMessages[request.lang()].signedOut);
      return reply.redirect(SIGNED_OUT_PATH, 303);
    },
  );

  app.get(
    ACCOUNT_PATH,
    { preHandler: requireUser, schema: { querystring: AccountQuery } },
    async (request, reply) => showAccount(request, reply, request.query.page ?? 1),
  );

  app.post(
    END_SESSION_PATH,
    { preHandler: requireUser, config: sessionsConfig },
    async (request, reply) => {
      const form = readForm(EndSessionForm, request.body);
      // The handle comes from the page's own form: a malformed one names no session, and
      // one no longer listed (signed out meanwhile, expired) has nothing left to end.
      const handle = form.ok ? form.value.session : undefined;
      const live = handle === undefined ? [] : await app.sessions.listSessions(request);
      if (handle === undefined || !live.some((session) => session.handle === handle)) {
        return refuseEndSession(request, reply, accountsErrors.noSuchSession());
      }
      await app.sessions.endSession(request, handle);
      (await request.session()).flash('success', accountsMessages[request.lang()].sessionEnded);
      return reply.redirect(ACCOUNT_PATH, 303);
    },
  );

  app.post(
    END_OTHER_SESSIONS_PATH,
    { preHandler: requireUser, config: sessionsConfig },
    async (request, reply) => {
      await app.sessions.endOtherSessions(request);
      (await request.session()).flash(
        'success',
        accountsMessages[request.lang()].otherSessionsEnded,
      );
      return reply.redirect(ACCOUNT_PATH, 303);
    },
  );
};
