import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * docs/requirements.md §4: a request whose Accept header names text/html gets HTML; any other
 * (curl's default, application/json, none) gets JSON.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/html') ?? false;
}

/** Marks a response as depending on Accept, so caches keep both variants apart. */
export function varyOnAccept(reply: FastifyReply): void {
  reply.header('Vary', 'Accept');
}
