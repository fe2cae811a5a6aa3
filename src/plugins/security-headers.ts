import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers with a strict Content-Security-Policy (SPEC §7: no
 * third-party resource, no inline script). HSTS and upgrade-insecure-requests
 * only in production, where the app is served over HTTPS.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance, options: { production: boolean }) => {
    await app.register(helmet, {
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
          ...(options.production && { upgradeInsecureRequests: [] }),
        },
      },
      strictTransportSecurity: options.production,
      crossOriginEmbedderPolicy: false,
    });
  },
  { name: 'security-headers' },
);
