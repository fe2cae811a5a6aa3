import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config/config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { accountsApi, accountsRoutes } from '../features/accounts/index.js';
import { adminApi, adminRoutes } from '../features/admin/index.js';
import { cartApi, cartMerge, cartRoutes } from '../features/cart/index.js';
import { catalogueApi, catalogueRoutes } from '../features/catalogue/index.js';
import { consentRoutes } from '../features/consent/index.js';
import { courseRoutes } from '../features/course/index.js';
import { homeRoutes } from '../features/home/index.js';
import { languageRoutes } from '../features/language/index.js';
import { ordersApi, ordersRoutes } from '../features/orders/index.js';
import { searchRoutes } from '../features/search/index.js';
import { bodyLimits } from '../plugins/body-limits.js';
import { closing } from '../plugins/closing.js';
import { cookiePolicy } from '../plugins/cookie-policy.js';
import { csrf } from '../plugins/csrf.js';
import { database } from '../plugins/database.js';
import { earlyErrorOptions, earlyErrors } from '../plugins/early-errors.js';
import { errors } from '../plugins/errors.js';
import { inspector } from '../plugins/inspector/inspector.plugin.js';
import { openapi } from '../plugins/openapi.js';
import { overload } from '../plugins/overload.js';
import { requestLogging } from '../plugins/request-logging.js';
import { securityHeaders } from '../plugins/security-headers.js';
import { sessions } from '../plugins/sessions/sessions.plugin.js';
import { sharedRateLimit } from '../plugins/shared-rate-limit.js';
import { staticAssets } from '../plugins/static-assets.js';
import { uploads } from '../plugins/uploads.js';
import { validation } from '../plugins/validation.js';
import { views } from '../plugins/views.js';
import { API_PREFIX } from '../shared/negotiation.js';
import { type LogStream, loggerOptions } from './logger.js';

export interface BuildOptions {
  /** An open database to use (tests, CLI); by default the app opens `config.database` and closes it on exit. */
  readonly database?: DatabaseHandle;
  /** Where log lines go instead of stdout (tests collect them to fail on unexpected errors). */
  readonly logStream?: LogStream;
}

/**
 * Registers everything and never listens (tests, the CLI and the benchmarks
 * all build the same app). Every route of the application is registered here.
 */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const uploadsDir = join(config.dataDir, 'uploads');
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // Requests arriving while the server stops are answered by the closing plugin.
    return503OnClosing: false,
    ...earlyErrorOptions({ production: config.production, deadlines: config.requestDeadlines }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(database, {
    handle: options.database ?? openDatabase(config.database, { observeQueries: config.debug }),
    closeOnExit: options.database === undefined,
  });
  await app.register(requestLogging);
  await app.register(validation);
  // Cookies and headers first: even an early 503 is a full page with the security headers.
  await app.register(cookiePolicy, { production: config.production });
  await app.register(securityHeaders, { production: config.production });
  await app.register(closing);
  await app.register(earlyErrors);
  if (config.overload) await app.register(overload, config.overload);
  await app.register(sessions, config);
  await app.register(csrf, {
    production: config.production,
    secretKeys: config.secretKeys,
    hasSessionCookie: (request) => app.sessions.hasCookie(request),
  });
  await app.register(sharedRateLimit);
  await app.register(formbody);
  await app.register(staticAssets, { staticDir: config.staticDir });
  await app.register(uploads, { uploadsDir });
  await app.register(views);
  await app.register(errors, { debug: config.debug });
  await app.register(openapi, { production: config.production });
  await app.register(bodyLimits);
  // Debug mode only (refused in production): it shows session tokens and SQL.
  if (config.debug) await app.register(inspector, config);

  await app.register(homeRoutes);
  await app.register(catalogueRoutes);
  await app.register(searchRoutes);
  await app.register(catalogueApi, { prefix: API_PREFIX });
  await app.register(accountsRoutes, { throttle: config.throttle });
  await app.register(accountsApi, { prefix: API_PREFIX, throttle: config.throttle });
  await app.register(cartMerge);
  await app.register(cartRoutes);
  await app.register(cartApi, { prefix: API_PREFIX });
  await app.register(ordersRoutes);
  await app.register(ordersApi, { prefix: API_PREFIX });
  await app.register(consentRoutes, { sessionLifetimeSeconds: config.sessionLifetimeSeconds });
  await app.register(adminRoutes, { uploadsDir });
  await app.register(adminApi, { prefix: API_PREFIX, uploadsDir });
  await app.register(courseRoutes);
  await app.register(languageRoutes);

  return app;
}
