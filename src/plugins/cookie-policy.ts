import type { CookieSerializeOptions } from '@fastify/cookie';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Flags for a cookie set on this response: the one place they are decided (docs/requirements.md §6). */
    cookieOptions(maxAgeSeconds?: number): CookieSerializeOptions;
  }
}

/** Served over HTTPS (directly, or behind a trusted proxy) or in production. */
export function isSecureContext(request: FastifyRequest, production: boolean): boolean {
  return production || request.protocol === 'https';
}

export const cookiePolicy = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    await app.register(fastifyCookie);
    app.decorateRequest('cookieOptions', function (this: FastifyRequest, maxAgeSeconds?: number) {
      return {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: isSecureContext(this, options.production),
        ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
      } satisfies CookieSerializeOptions;
    });
  },
  { name: 'cookie-policy' },
);
