import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config/config.js';
import type { DatabaseConfig } from '../../src/config/database-url.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../../src/db/seed/seed.js';
import { buildApp } from '../../src/server/build-app.js';
import { PROJECT_ROOT } from '../../src/shared/project.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';

export const TEST_SECRET = 'test-secret-key-that-is-at-least-32-bytes-long';

/** A complete configuration for tests, passed to the builder (never read from the environment). */
export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    production: false,
    host: '127.0.0.1',
    port: 0,
    database,
    secretKeys: [TEST_SECRET],
    sessionStore: 'database',
    sessionLifetimeSeconds: 7 * 86_400,
    debug: false,
    workers: 1,
    trustProxy: false,
    logLevel: 'silent',
    overload: { maxEventLoopDelayMs: 1_000, sampleIntervalMs: 1_000 },
    throttle: {
      signInFailuresPerAccount: 10,
      signInAttemptsPerIp: 100,
      registrationsPerIp: 50,
      windowSeconds: 900,
    },
    dataDir: mkdtempSync(join(tmpdir(), 'monsters-data-')),
    staticDir: join(PROJECT_ROOT, 'static'),
    ...overrides,
  });
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  readonly config: Config;
}

/**
 * The real app over its own migrated database holding the demo catalogue;
 * closed and deleted when the test ends.
 */
export async function buildTestApp(
  t: TestContext,
  engine: Engine,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const config = testConfig(database.config, overrides);
  const app = await buildApp(config, { database: database.handle });
  t.after(async () => {
    await app.close();
    await database.destroy();
  });
  return { app, database, config };
}
