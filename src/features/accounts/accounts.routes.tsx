import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ThrottleConfig } from '../../config/config.js';
import { messagesFor } from '../../i18n/i18n.js';
import { currentUser, requireUser } from '../../plugins/auth-guards.js';
import { HttpError } from '../../shared/http-error.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { orderHistoryPage } from '../orders/orders.service.js';
import {
  AccountQuery,
  EndSessionForm,
  LoginForm,
  NextQuery,
  RegisterForm,
} from './accounts.schemas.js';
import { accountProfile, authenticate, createUser } from './accounts.service.js';
import { registrationLimit, signInLimit } from './throttling.js';
import { AccountPage } from './views/account-page.js';
import { LoginPage, RegisterPage } from './views/auth-pages.js';

/** The honeypot field is invisible to people: a value means a bot filled the form. */
const isBot = (body: { website?: string }) => Boolean(body.website);

/** Sign-in, registration, sign-out and the account page (docs/requirements.md §4, §6). */
export const accountsRoutes: FastifyPluginAsyncTypebox<{ throttle: ThrottleConfig }> = async (
  app,
  { throttle },
) => {
  const db = app.database.db;

  app.get('/login', { schema: { querystring: NextQuery } }, async (request, reply) =>
    reply.page((ctx) => <LoginPage ctx={ctx} form={{ next: safeNext(request.query.next) }} />),
  );

  app.post(
    '/login',
    { schema: { body: LoginForm }, config: { rateLimit: signInLimit(throttle) } },
    async (request, reply) => {
      const { email = '', password = '', next } = request.body;
      const form = { email, next: safeNext(next) };
      try {
        if (isBot(request.body))
          throw new HttpError(400, messagesFor(request.lang()).accounts.formRejected);
        const user = await authenticate(db, throttle, { email, password }, request.lang());
        const session = await app.sessions.signIn(request, user);
        session.flash('success', messagesFor(request.lang()).accounts.welcomeBack(user.name));
        return reply.redirect(safeNextPath(next, '/account'), 303);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        reply.headers(error.headers);
        return reply.page(
          (ctx) => <LoginPage ctx={ctx} form={{ ...form, error: error.message }} />,
          error.status,
        );
      }
    },
  );

  app.get('/register', { schema: { querystring: NextQuery } }, async (request, reply) =>
    reply.page((ctx) => <RegisterPage ctx={ctx} form={{ next: safeNext(request.query.next) }} />),
  );

  app.post(
    '/register',
    { schema: { body: RegisterForm }, config: { rateLimit: registrationLimit(throttle) } },
    async (request, reply) => {
      const { email = '', name = '', password = '', next } = request.body;
      const form = { email, name, next: safeNext(next) };
      try {
        if (isBot(request.body))
          throw new HttpError(400, messagesFor(request.lang()).accounts.formRejected);
        const user = await createUser(db, { email, name, password }, 'customer', request.lang());
        const session = await app.sessions.signIn(request, user);
        session.flash('success', messagesFor(request.lang()).accounts.welcome(user.name));
        return reply.redirect(safeNextPath(next, '/account'), 303);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        return reply.page(
          (ctx) => (
            <RegisterPage
              ctx={ctx}
              form={{ ...form, error: error.message, errors: error.errors ?? {} }}
            />
          ),
          error.status,
        );
      }
    },
  );

  app.post('/logout', async (request, reply) => {
    const session = await request.session();
    session.signOut();
    session.flash('success', messagesFor(request.lang()).accounts.signedOut);
    return reply.redirect('/', 303);
  });

  app.get(
    '/account',
    { preHandler: requireUser, schema: { querystring: AccountQuery } },
    async (request, reply) => {
      const signedIn = await currentUser(request);
      const [user, sessions, orders] = await Promise.all([
        accountProfile(db, signedIn.id),
        app.sessions.listSessions(request),
        orderHistoryPage(db, signedIn, request.query.page ?? 1),
      ]);
      return reply.page((ctx) => (
        <AccountPage
          ctx={ctx}
          user={user}
          sessions={sessions}
          orders={orders}
          cookieStore={app.sessions.store.kind === 'cookie'}
        />
      ));
    },
  );

  app.post(
    '/account/sessions/end',
    { preHandler: requireUser, schema: { body: EndSessionForm } },
    async (request, reply) => {
      await app.sessions.endSession(request, request.body.session);
      (await request.session()).flash('success', messagesFor(request.lang()).accounts.sessionEnded);
      return reply.redirect('/account', 303);
    },
  );

  app.post('/account/sessions/end-others', { preHandler: requireUser }, async (request, reply) => {
    await app.sessions.endOtherSessions(request);
    (await request.session()).flash(
      'success',
      messagesFor(request.lang()).accounts.otherSessionsEnded,
    );
    return reply.redirect('/account', 303);
  });
};

function safeNext(next: string | undefined): string | undefined {
  const safe = safeNextPath(next, '');
  return safe === '' ? undefined : safe;
}
