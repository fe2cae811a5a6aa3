import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * docs/requirements.md §4: a request whose Accept header names text/html gets HTML; any other
 * (curl's default, application/json, none) gets JSON.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/html') ?? false;
}

/** Every route of the JSON API lives under this prefix (plugins are registered with it). */
export const API_PREFIX = '/api';

/** A URL or route path of the JSON API, whose answers are JSON whoever asks. */
export function isApiPath(url: string): boolean {
  return url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);
}

export function isApiRequest(request: FastifyRequest): boolean {
  return isApiPath(request.url);
}

/** Marks a response as depending on Accept, so caches keep both variants apart. */
export function varyOnAccept(reply: FastifyReply): void {
  reply.header('Vary', 'Accept');
}
