import type { TestContext } from 'node:test';
import type { Config } from '../../src/config/config.js';
import type { Engine } from './databases.js';
import { buildTestApp, type TestApp } from './test-app.js';

/** The test app listening on a free loopback port, for real HTTP clients and browsers. */
export async function startLiveServer(
  t: TestContext,
  engine: Engine = 'sqlite',
  overrides: Partial<Config> = {},
): Promise<TestApp & { readonly baseUrl: string }> {
  const testApp = await buildTestApp(t, engine, overrides);
  const baseUrl = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...testApp, baseUrl };
}
