import type { FastifyReply, FastifyRequest } from 'fastify';
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
 * It says so in its result, not through `reply.sent`: an answer given before
 * an upload was read ends only once the rest is drained (docs/decisions/008).
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

/**
 * Route guard (a hook): anonymous browsers go to the sign-in page (303), API
 * clients get 401. It reads no body, so it can run in `onRequest`.
 */
export async function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (!(await signedInOrSentToSignIn(request, reply))) return reply;
}

/**
 * Route guard: as requireUser, and a signed-in non-admin gets 403. The admin
 * routes run it in `onRequest`, before any upload is read.
 */
export async function requireAdmin(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const user = await signedInOrSentToSignIn(request, reply);
  if (!user) return reply;
  if (user.role !== 'admin') throw accessErrors.adminsOnly();
}

/** The signed-in user of a route behind requireUser. */
export async function currentUser(request: FastifyRequest): Promise<SessionUser> {
  const { user } = await request.session();
  if (!user) throw accessErrors.signInFirst();
  return user;
}
