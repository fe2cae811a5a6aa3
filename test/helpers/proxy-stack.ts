import type { TestContext } from 'node:test';
import pg from 'pg';
import { HttpsClient } from './https-client.js';
import { type MonstersProcess, startServer } from './monsters-process.js';
import { type NginxProxy, startNginx } from './nginx-proxy.js';
import { startPostgresCluster } from './postgres-cluster.js';

/**
 * The shop as docs/deployment.md runs it: a throwaway PostgreSQL cluster,
 * `count` instances of the built bundle (NODE_ENV=production) on their own
 * ports, and nginx from deploy/ in front of them over HTTPS. nginx connects
 * to the instances from PROXY_ADDRESS, the only address the instances trust
 * for X-Forwarded-For.
 */

export const PROXY_ADDRESS = '127.0.0.2';

export interface ProxyStack {
  readonly nginx: NginxProxy;
  readonly instances: readonly (MonstersProcess & { readonly url: string })[];
  /** A new HTTPS client of the proxy, connecting from `localAddress` (127.0.0.1 by default). */
  readonly client: (localAddress?: string) => HttpsClient;
  /** One query on the shop's database. */
  readonly query: <Row>(text: string, values?: unknown[]) => Promise<Row[]>;
}

export async function startProxyStack(
  t: TestContext,
  { count = 2, env = {} }: { count?: number; env?: Record<string, string> } = {},
): Promise<ProxyStack> {
  const cluster = await startPostgresCluster();
  t.after(() => cluster.stop());
  const instanceEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: cluster.url,
    TRUST_PROXY: PROXY_ADDRESS,
    ...env,
  };
  const instances = [];
  // One after the other: the first one migrates and seeds the database.
  for (let index = 0; index < count; index++)
    instances.push(await startServer(t, [], { env: instanceEnv }));
  const nginx = await startNginx(t, {
    upstreams: instances.map(({ url }) => new URL(url).host),
    proxyBind: PROXY_ADDRESS,
  });
  const pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  t.after(() => pool.end());
  const clients: HttpsClient[] = [];
  t.after(() => {
    for (const client of clients) client.close();
  });
  return {
    nginx,
    instances,
    client: (localAddress) => {
      const client = new HttpsClient(nginx.httpsUrl, nginx.ca, localAddress);
      clients.push(client);
      return client;
    },
    query: async <Row>(text: string, values: unknown[] = []) =>
      (await pool.query(text, values)).rows as Row[],
  };
}
