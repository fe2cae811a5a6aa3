import type { FastifyInstance } from 'fastify';
import { migrateToLatest } from '../src/db/migrator.js';
import { seedDemoCatalogueIfEmpty } from '../src/db/seed/seed.js';
import { buildApp } from '../src/server/build-app.js';
import type { Credentials } from '../test/browser/audit.js';
import { createTestDatabase } from '../test/helpers/databases.js';
import { STRONG_PASSWORD } from '../test/helpers/http-client.js';
import { createTestUser } from '../test/helpers/sign-in.js';
import { testConfig } from '../test/helpers/test-app.js';

export interface DemoInstance {
  readonly app: FastifyInstance;
  readonly baseUrl: string;
  /** An admin account of this instance (its password is STRONG_PASSWORD). */
  readonly admin: Credentials;
  /** Closes the app and deletes its database. */
  readonly stop: () => Promise<void>;
}

/**
 * The app as `monsters serve` runs it, in this process, over a brand-new
 * SQLite file holding the demo catalogue, listening on a free loopback port:
 * what the screenshots and the page audit look at. Error logs go to stderr.
 */
export async function startDemoInstance(): Promise<DemoInstance> {
  const database = await createTestDatabase('sqlite');
  await migrateToLatest(database.handle);
  await seedDemoCatalogueIfEmpty(database.handle);
  const config = testConfig(database.config, { logLevel: 'error' });
  const app = await buildApp(config, {
    database: database.handle,
    logStream: { write: (line) => process.stderr.write(line) },
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const admin = { email: 'ada@example.com', password: STRONG_PASSWORD };
  await createTestUser(app.database.db, {
    email: admin.email,
    name: 'Ada Lovelace',
    role: 'admin',
  });
  return {
    app,
    baseUrl,
    admin,
    stop: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
