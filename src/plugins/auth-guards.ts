import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { isApiRequest } from '../shared/negotiation.js';
import { safeNextPath } from '../shared/safe-redirect.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import { accessErrors } from './platform-texts.js';
import type { SessionUser } from './sessions/session.js';

/** The sign-in page, coming back to `next` afterwards when it is a safe target. */
export function signInUrl(next: string): string {
  const back = safeNextPath(next, '');
  const login = SITE_PATHS.login;
  return back === '' ? login : `${login}?next=${encodeURIComponent(back)}`;
}

const PAGE_METHODS = new Set(['GET', 'HEAD']);

/** A same-site path the browser can load again: a route that answers GET. */
function isPage(request: FastifyRequest, path: string): boolean {
  const [pathname = ''] = path.split('?', 1);
  return (
    safeNextPath(path, '') !== '' &&
    request.server.findRoute({ method: 'GET', url: pathname }) !== null
  );
}

/** The path of the page a form was sent from, when the browser said so and it is one of ours. */
function refererPath(request: FastifyRequest): string | undefined {
  const { referer } = request.headers;
  if (!referer || !URL.canParse(referer)) return undefined;
  const url = new URL(referer);
  return url.hostname === request.hostname ? `${url.pathname}${url.search}` : undefined;
}

/** `/a/b/c`, `/a/b`, `/a`: the action, then the paths above it. */
function selfAndAncestors(url: string): string[] {
  const [pathname = '/'] = url.split('?', 1);
  const segments = pathname.split('/').filter(Boolean);
  return segments.map((_, index) => `/${segments.slice(0, segments.length - index).join('/')}`);
}

/**
 * Where to come back after signing in. A page view comes back to itself; a
 * form post comes back to a page, never to an address that only accepts
 * POST (the visitor would land on a 405): the page the form was on, else
 * the action itself or the nearest path above it that is a page, else home.
 */
function returnPathAfterSignIn(request: FastifyRequest): string {
  if (PAGE_METHODS.has(request.method)) return request.url;
  const candidates = [refererPath(request), ...selfAndAncestors(request.url)];
  return candidates.find((path) => path !== undefined && isPage(request, path)) ?? SITE_PATHS.home;
}

/**
 * The signed-in visitor, or `undefined` once the answer for an anonymous one
 * is given: the sign-in page (303) for a browser; an API client gets 401.
 */
async function signedInOrSentToSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SessionUser | undefined> {
  const { user } = await request.session();
  if (user) return user;
  if (isApiRequest(request)) throw accessErrors.signInFirst();
  reply.redirect(signInUrl(returnPathAfterSignIn(request)), 303);
  return undefined;
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
type GuardHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void;

/**
 * A guard as a callback-style hook: when it answered, `done` is never called
 * and nothing after it runs, even while an unread upload is still drained
 * (docs/pitfalls.md #16).
 */
function guardHook(guard: Guard): GuardHook {
  return (request, reply, done) => {
    guard(request, reply)
      .then(
        (admitted) => admitted && done(),
        (error: Error) => done(error),
      )
      // `done` sends the refusal, and sending can throw (a header Node refuses).
      .catch((error: unknown) => {
        request.log.error({ err: error }, 'response could not be sent');
        reply.raw.destroy();
      });
  };
}

/**
 * Route guard (a hook): anonymous browsers go to the sign-in page (303), API
 * clients get 401. It reads no body, so it can run in `onRequest`.
 */
export const requireUser = guardHook(
  async (request, reply) => (await signedInOrSentToSignIn(request, reply)) !== undefined,
);

/**
 * Route guard: as requireUser, and a signed-in non-admin gets 403. The admin
 * routes run it in `onRequest`, before any upload is read.
 */
export const requireAdmin = guardHook(async (request, reply) => {
  const user = await signedInOrSentToSignIn(request, reply);
  if (!user) return false;
  if (user.role !== 'admin') throw accessErrors.adminsOnly();
  return true;
});

/** The signed-in user of a route behind requireUser. */
export async function currentUser(request: FastifyRequest): Promise<SessionUser> {
  const { user } = await request.session();
  if (!user) throw accessErrors.signInFirst();
  return user;
}
