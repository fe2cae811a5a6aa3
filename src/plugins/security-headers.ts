import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers with a strict Content-Security-Policy (docs/requirements.md §7: no
 * third-party resource, no inline script). HSTS and upgrade-insecure-requests
 * only in production, where the app is served over HTTPS.
 */
export function helmetOptions(production: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        ...(production && { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: production,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers helmet would set, computed once by running it on stand-in
 * request and response objects (docs/decisions/012-performance-tricks.md):
 * with these options they are the same for every response, so no directive
 * may depend on the request (a per-request nonce would need helmet per
 * request again).
 */
export function securityHeaderValues(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return Object.freeze(headers);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The security headers every response carries (the error path re-applies them). */
    readonly securityHeaders: Readonly<Record<string, string>>;
  }
}

export const securityHeaders = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    const headers = securityHeaderValues(helmetOptions(options.production));
    app.decorate('securityHeaders', headers);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security-headers' },
);
