import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Config, requestDeadlinesOf } from '../../src/config/config.js';
import type { DatabaseConfig } from '../../src/config/database-url.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../../src/db/seed/seed.js';
import { buildApp } from '../../src/server/build-app.js';
import { PROJECT_ROOT } from '../../src/shared/project.js';
import { createTestDatabase, type Engine, type TestDatabase } from './databases.js';
import { handlersSettled } from './running-handlers.js';

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
    logLevel: 'warn',
    metrics: null,
    // The production overload guard would answer 503 on a busy CI machine.
    overload: null,
    requestDeadlines: requestDeadlinesOf(30),
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
  readonly logs: LogCollector;
}

export interface TestAppOptions {
  /** Error-level log messages this test provokes on purpose (any other one fails the test). */
  readonly expectedErrors?: RegExp;
}

const ERROR_LEVEL = 50;

/**
 * Fastify's warnings that something tried to answer a request already
 * answered: a handler kept working after its reply was sent.
 */
function answeredTwice(line: Record<string, unknown>): boolean {
  return (
    (line.err as { code?: unknown } | undefined)?.code === 'FST_ERR_REP_ALREADY_SENT' ||
    String(line.msg).startsWith('Reply was already sent')
  );
}

/** Collects the app's JSON log lines so a test can read them, and fail on unexpected errors. */
export class LogCollector {
  readonly lines: Record<string, unknown>[] = [];

  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }

  /**
   * Error-level (or worse) lines whose message does not match `expected`, and
   * any request answered twice.
   */
  unexpectedErrors(expected?: RegExp): Record<string, unknown>[] {
    return this.lines.filter(
      (line) =>
        answeredTwice(line) ||
        (Number(line.level) >= ERROR_LEVEL && !(expected?.test(String(line.msg)) ?? false)),
    );
  }
}

/**
 * Fails the test when the app logged an error it did not expect, as
 * epic-stack fails tests on console.error: a swallowed 500 is still a bug.
 */
export function failOnErrorLogs(t: TestContext, logs: LogCollector, expected?: RegExp): void {
  t.after(() => {
    const unexpected = logs.unexpectedErrors(expected);
    if (unexpected.length > 0) {
      throw new Error(
        `unexpected error logs:\n${unexpected.map((line) => JSON.stringify(line)).join('\n')}`,
      );
    }
  });
}

/**
 * The real app over its own migrated database holding the demo catalogue;
 * closed and deleted when the test ends.
 */
export async function buildTestApp(
  t: TestContext,
  engine: Engine,
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const config = testConfig(database.config, overrides);
  const logs = new LogCollector();
  const app = await buildApp(config, { database: database.handle, logStream: logs });
  t.after(async () => {
    await handlersSettled(app);
    await app.close();
    await database.destroy();
  });
  failOnErrorLogs(t, logs, options.expectedErrors);
  return { app, database, config, logs };
}
