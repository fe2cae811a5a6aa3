import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { LogEvent } from 'kysely';
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { MetricsListen } from '../config/config.js';
import type { DatabaseHandle, PoolStats } from '../db/connection.js';

/**
 * Prometheus metrics (docs/deployment.md). This module, and prom-client with
 * it, is loaded only when `METRICS_PORT` is set: otherwise no metric exists
 * and no hook runs.
 */

/** The route label of a request no route matched: one value, never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The metrics of one serving process: requests by method, route template and
 * status, the event loop, memory, the database's connections and queries.
 * `reportToPrimary`: a cluster worker, whose primary serves the sum of all
 * workers' metrics.
 */
export function instrumentServing(
  app: FastifyInstance,
  database: DatabaseHandle,
  options: { readonly reportToPrimary: boolean },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerEventLoopUtilization(registry);
  registerPoolGauges(registry, database);
  observeQueries(registry, database);
  observeRequests(app, registry);
  if (options.reportToPrimary) {
    // Constructing one installs the worker's answer to the primary's requests.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }
  return registry;
}

function observeRequests(app: FastifyInstance, registry: Registry): void {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request received to its answer sent, by method, route template and status',
    labelNames,
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: reply.statusCode,
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1_000);
    done();
  });
}

/** The share of time the loop was busy since the previous scrape (0 to 1). */
function registerEventLoopUtilization(registry: Registry): void {
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  new Gauge({
    name: 'nodejs_eventloop_utilization',
    help: 'Share of time the event loop was busy since the previous scrape (0 to 1)',
    registers: [registry],
    aggregator: 'average',
    collect() {
      const now = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(now, previous).utilization);
      previous = now;
    },
  });
}

function registerPoolGauges(registry: Registry, database: DatabaseHandle): void {
  const gauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(database.poolStats()));
      },
    });
  gauge(
    'db_pool_connections',
    'Database connections open (SQLite: its one connection)',
    (s) => s.open,
  );
  gauge(
    'db_pool_idle_connections',
    'Database connections open and unused (SQLite: 0 while a transaction is open)',
    (s) => s.idle,
  );
  gauge(
    'db_pool_waiting_queries',
    'Queries waiting for a connection (SQLite: for the open transaction to end)',
    (s) => s.waiting,
  );
}

const OPERATIONS: Readonly<Record<string, string>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
  RawNode: 'raw',
};

function observeQueries(registry: Registry, database: DatabaseHandle): void {
  const durations = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Database statement durations, by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  database.onQuery((event: LogEvent) => {
    durations.observe(
      {
        operation: OPERATIONS[event.query.query.kind] ?? 'other',
        outcome: event.level === 'error' ? 'error' : 'ok',
      },
      event.queryDurationMillis / 1_000,
    );
  });
}

/** How a metrics server answers a scrape: this process's registry, or the sum of the cluster's. */
export interface Scrape {
  readonly contentType: string;
  readonly metrics: () => Promise<string>;
}

export function processScrape(registry: Registry): Scrape {
  return { contentType: registry.contentType, metrics: () => registry.metrics() };
}

/** The primary of `--workers N`: asks every worker for its metrics and sums them. */
export function clusterScrape(): Scrape {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() };
}

export interface MetricsServer {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * A plain HTTP server with one page, `GET /metrics`, on its own private
 * address: the public app never serves it. Rejects with the socket's error
 * (EADDRINUSE…) when it cannot listen.
 */
export async function startMetricsServer(
  listen: MetricsListen,
  scrape: Scrape,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics') return answer(response, 404, 'Not Found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return answer(response, 405, 'Method Not Allowed\n');
    }
    scrape.metrics().then(
      (text) => answer(response, 200, text, scrape.contentType),
      // A worker still starting (or gone) does not answer the primary in time.
      (error: Error) => answer(response, 503, `metrics unavailable: ${error.message}\n`),
    );
  });
  await listenOn(server, listen);
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scrape is short and harmless to cut: nothing may hold the stop.
        server.closeAllConnections();
      }),
  };
}

function answer(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function listenOn(server: Server, listen: MetricsListen): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
