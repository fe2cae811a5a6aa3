import type { FastifyRequest } from 'fastify';

/**
 * Where a form refused on a URL that only accepts POST is carried back to
 * (docs/decisions/014): the page it was on, and the form of that page the
 * refusal concerns.
 */
export interface RefusalTarget {
  readonly page: string;
  readonly form: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * On a page route that only accepts POST: the page a refusal raised
     * before or around the route (an expired form, a body too large, a rate
     * limit) is carried back to by the error handler, as the route carries
     * its own.
     */
    refusalTarget?: (request: FastifyRequest) => RefusalTarget | Promise<RefusalTarget>;
  }
}

/** A refusal the page shows as a whole, above its content: no form of it is concerned. */
export const WHOLE_PAGE_FORM = 'page';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The page a refusal of this request goes back to, when its route declares one. */
export async function refusalTargetOf(request: FastifyRequest): Promise<RefusalTarget | undefined> {
  if (SAFE_METHODS.has(request.method)) return undefined;
  return request.routeOptions.config?.refusalTarget?.(request);
}

/**
 * A text field of the request's form body, when it was read (a body too
 * large or of another type never is).
 */
export function formFieldOf(request: FastifyRequest, name: string): string | undefined {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
