import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../shared/http-error.js';
import { safeNextPath } from '../shared/safe-redirect.js';
import type { SessionUser } from './sessions/session.js';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

/** The sign-in page, coming back to `next` afterwards when it is a safe target. */
export function signInUrl(next: string): string {
  const back = safeNextPath(next, '');
  return back === '' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/**
 * preHandler guard: anonymous browsers go to the sign-in page (303), API
 * clients get 401.
 */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const session = await request.session();
  if (session.user) return;
  if (isApi(request)) throw new HttpError(401, 'Sign in first: this endpoint needs a session.');
  return reply.redirect(signInUrl(request.url), 303);
}

/** preHandler guard: as requireUser, and a signed-in non-admin gets 403. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await requireUser(request, reply);
  if (reply.sent) return;
  const { user } = await request.session();
  if (user?.role !== 'admin') throw new HttpError(403, 'This area is for administrators only.');
}

/** The signed-in user of a route behind requireUser. */
export async function currentUser(request: FastifyRequest): Promise<SessionUser> {
  const { user } = await request.session();
  if (!user) throw new HttpError(401);
  return user;
}
