import { STATUS_CODES } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { API_PREFIX, isApiPath } from '../shared/negotiation.js';
import { PACKAGE_VERSION } from '../shared/project.js';
import { problemResponse, type SecurityRequirements, SIGNED_IN_WRITE } from '../shared/schemas.js';
import { COOKIES } from './consent/cookie-registry.js';
import { swaggerUiTheme } from './openapi-theme.js';
import { platformTexts, statusText } from './platform-texts.js';

const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;
const DOCS_PATH = `${API_PREFIX}/docs`;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one inline `<style>` element Swagger UI 5 (bundled with
 * @fastify/swagger-ui 6.1.3) renders; allowed by its hash on the docs
 * routes only. Re-check it when upgrading (the browser names the new hash).
 */
const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** How a client signs in and writes, with the commands that do it (checked against a running shop). */
const SIGN_IN_AND_WRITE = `The catalogue and shop of Halloween monsters, as JSON. Errors are RFC 9457 \`application/problem+json\` objects, with a stable \`code\` and per-field \`errors\` on validation failures; \`detail\` follows \`Accept-Language\` (English or French).

## Signing in and writing

Reads of the catalogue need nothing. Everything else works with the **session cookie** that \`POST /api/session\` sets (the cart also works without signing in: its first write sets the cookie).

A write (\`POST\`, \`PUT\`, \`PATCH\`, \`DELETE\`) that carries the session cookie must also send the **\`X-CSRF-Token\` header**, whose value is the \`csrf_token\` returned by \`GET /api/session\`, together with the cookies that answer sets. The token is bound to the session: read it again after signing in or out. Pages of this site calling the API from the browser (and this page's *Try it out*) are same-origin and need no token.

\`\`\`sh
SHOP=http://127.0.0.1:5000
JAR=$(mktemp)
# 1. Sign in: the answer sets the session cookie.
curl -sS -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \\
  -d '{"email":"ada@example.com","password":"correct horse battery staple"}' "$SHOP/api/session"
# 2. The CSRF token of this session (and its cookie).
TOKEN=$(curl -sS -c "$JAR" -b "$JAR" "$SHOP/api/session" | jq -r .csrf_token)
# 3. A write, as an administrator: Cthulhu's price and stock.
curl -sS -c "$JAR" -b "$JAR" -X PATCH -H 'Content-Type: application/json' \\
  -H "X-CSRF-Token: $TOKEN" -d '{"price_cents":3900,"stock":20}' "$SHOP/api/monsters/1"
\`\`\`

Over HTTPS and in production the cookies are \`__Host-session\` and \`__Host-csrf\`; a cookie jar keeps them the same way.`;

/** `session`, or `__Host-session` in production (which always runs behind HTTPS). */
function sessionCookieName(production: boolean): string {
  const [plain, hostOnly] = COOKIES.session.names;
  return (production ? hostOnly : plain) ?? 'session';
}

function securitySchemes(production: boolean) {
  return {
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: sessionCookieName(production),
      description:
        'Set by `POST /api/session` (sign-in) or by the first write to the cart; `__Host-session` over HTTPS.',
    },
    csrfToken: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description:
        'The `csrf_token` of `GET /api/session`, sent with the cookies of that answer. Needed on every write that carries the session cookie, unless the browser says it is same-origin.',
    },
  } as const;
}

/** What any API write can be refused with before its handler runs (the CSRF check, the body readers). */
const WRITE_REFUSALS = {
  403: problemResponse(
    'The session cookie was sent without a valid `X-CSRF-Token` header (`http.csrf`).',
  ),
};
const BODY_REFUSALS = {
  413: problemResponse('The body is larger than this address accepts (`http.body_too_large`).'),
  415: problemResponse('The body is not `application/json` (`http.json_only`).'),
};

/** Anyone, or the holder of the session cookie with its CSRF token: the rule of src/plugins/csrf.ts. */
const ANONYMOUS_OR_SIGNED_WRITE: SecurityRequirements = [{}, ...SIGNED_IN_WRITE];

type ResponseSchemas = Record<string, unknown>;

/** The code the error handler gives a status when nothing more precise is said. */
function fallbackCode(status: number): string {
  if (status === 400) return platformTexts.invalidFields.code;
  return statusText(status)?.code ?? 'http.error';
}

/**
 * A problem+json answer's example, made from its status and description
 * (a code named in backquotes is the one it carries).
 */
function problemExample(status: string, description: string) {
  const code = /`([a-z_]+\.[a-z_]+)`/.exec(description)?.[1];
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status: Number(status),
    detail: description.replace(/ \(.*?\)|`/g, ''),
    code: code ?? fallbackCode(Number(status)),
    request_id: '5f0c2a4e-1b7d-4c39-9a8e-2d6b3f1e7a90',
  };
}

function withProblemExamples(responses: ResponseSchemas): ResponseSchemas {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      const { description, content } = response as {
        description?: string;
        content?: Record<string, { schema: unknown; example?: unknown }>;
      };
      const problem = content?.['application/problem+json'];
      if (!problem || problem.example !== undefined || description === undefined) {
        return [status, response];
      }
      const example = problemExample(status, description);
      return [
        status,
        { description, content: { 'application/problem+json': { ...problem, example } } },
      ];
    }),
  );
}

/**
 * The route's schema as documented: the platform's refusals of writes (and
 * who may write) added where the route does not say more, and an example on
 * every problem answer. Validation never sees this copy.
 */
function documented(schema: FastifySchema, route: RouteOptions): FastifySchema {
  const methods = [route.method].flat();
  const writes =
    !methods.every((method) => SAFE_METHODS.has(method)) && route.config?.csrf !== false;
  const own = (schema.response ?? {}) as ResponseSchemas;
  const response = writes
    ? { ...WRITE_REFUSALS, ...(schema.body ? BODY_REFUSALS : {}), ...own }
    : own;
  return {
    ...schema,
    ...(writes && !('security' in schema) && { security: ANONYMOUS_OR_SIGNED_WRITE }),
    response: withProblemExamples(response),
  };
}

/** The little of the browser's DOM that nameTheInformation uses (this project has no DOM types). */
declare const document: {
  querySelector(selector: string): { setAttribute(name: string, value: string): void } | null;
};

/**
 * Runs in the browser (serialised into Swagger UI's initializer: it may use
 * nothing from this module) once the document is shown: Swagger UI puts the API's
 * description outside any landmark (axe: region); a named region holds it.
 */
function nameTheInformation(): void {
  const information = document.querySelector('.swagger-ui .information-container');
  information?.setAttribute('role', 'region');
  information?.setAttribute('aria-label', 'About this API');
}

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
  async (app: FastifyInstance, options: { production: boolean }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Monster Shop API',
          version: PACKAGE_VERSION,
          description: SIGN_IN_AND_WRITE,
        },
        tags: [{ name: 'monsters', description: 'The catalogue' }],
        components: { securitySchemes: securitySchemes(options.production) },
      },
      transform: ({ schema, url, route }) => ({
        schema: isApiPath(url) ? documented(schema, route) : { ...schema, hide: true },
        url,
      }),
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PATH,
      validatorUrl: false,
      // The base layout has no top bar (a logo without alternative text and an
      // unlabelled "explore" field, useless with one document); without deep
      // links an operation's summary button holds no link (nested-interactive).
      uiConfig: { layout: 'BaseLayout', deepLinking: false, onComplete: nameTheInformation },
      theme: swaggerUiTheme,
      transformStaticCSP: (header) =>
        header.replace(/style-src 'self'/, `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`),
    });
    app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
