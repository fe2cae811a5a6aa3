import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { API_PREFIX, isApiPath } from '../shared/negotiation.js';
import { PACKAGE_VERSION } from '../shared/project.js';

const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;
const DOCS_PATH = `${API_PREFIX}/docs`;

/**
 * The one inline `<style>` element Swagger UI 5 (bundled with
 * @fastify/swagger-ui 6.1.3) renders; allowed by its hash on the docs
 * routes only. Re-check it when upgrading (the browser names the new hash).
 */
const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * OpenAPI 3.1 generated from the route schemas (docs/requirements.md §5), served at
 * /api/openapi.json, and Swagger UI at /api/docs. Only /api routes are
 * documented; the HTML pages are not an API. Registered before the routes:
 * it collects them as they are added.
 *
 * Swagger UI is served from the package itself (no CDN) and its page loads
 * only same-origin scripts, so the site-wide CSP (`default-src 'self'`, no
 * inline script) applies; the docs routes only add the hash of one inline
 * style. Its validator badge is off (it would call validator.swagger.io).
 */
export const openapi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Monster Shop API',
          version: PACKAGE_VERSION,
          description:
            'The catalogue and shop of Halloween monsters, as JSON. Errors are RFC 9457 ' +
            '`application/problem+json` objects, with per-field `errors` on validation failures.',
        },
        tags: [{ name: 'monsters', description: 'The catalogue' }],
      },
      transform: ({ schema, url }) => ({
        schema: isApiPath(url) ? schema : { ...schema, hide: true },
        url,
      }),
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      validatorUrl: false,
      uiConfig: { deepLinking: true },
      theme: { title: 'Monster Shop API' },
      transformStaticCSP: (header) =>
        header.replace(/style-src 'self'/, `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`),
    });
    app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
