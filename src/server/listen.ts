import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Config, MetricsListen } from '../config/config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { prepareDatabase, type ServingDatabaseOpener } from '../db/prepare-database.js';
import { buildApp } from './build-app.js';
import {
  isShutdownMessage,
  type StartupFailedMessage,
  superviseWorkers,
} from './cluster-primary.js';
import { finishLogOutput } from './logger.js';
import type { MetricsServer } from './metrics.js';

/** Stop accepting, finish in-flight requests, close the database, exit within 10 s. */
const SHUTDOWN_GRACE_MS = 9_000;

export interface ServeOutput {
  readonly print: (line: string) => void;
  readonly warn: (line: string) => void;
}

/**
 * `monsters serve`: migrate and seed once, then serve with one process or a
 * node:cluster of `config.workers` processes sharing the port. With workers,
 * resolves once they all stopped cleanly and rejects when they did not.
 */
export async function serve(config: Config, output: ServeOutput): Promise<void> {
  if (cluster.isWorker) return runClusterWorker(config);

  const openServingDatabase = await prepareDatabase(config.database, {
    workers: config.workers,
    serving: { observeQueries: observesQueries(config) },
    production: config.production,
    warn: output.warn,
  });
  if (config.workers === 1) return runSingleProcess(config, output, openServingDatabase);
  // The workers share the public port; the primary alone serves their summed metrics.
  const metrics = config.metrics && (await startClusterMetrics(config.metrics));
  try {
    await superviseWorkers({
      workers: config.workers,
      stopDeadlineMs: SHUTDOWN_GRACE_MS + 500,
      onListening: (address) => {
        output.print(
          `Monster Shop is running on ${urlOf(address)} with ${config.workers} workers (press Ctrl+C to stop)`,
        );
        if (metrics) output.print(metricsLine(metrics.url));
      },
      warn: output.warn,
    });
  } finally {
    await metrics?.close();
  }
}

/** Query durations need Kysely's query hook: installed for the inspector or the metrics only. */
function observesQueries(config: Config): boolean {
  return config.debug || config.metrics !== null;
}

function metricsLine(url: string): string {
  return `Metrics (Prometheus) on ${url}`;
}

async function startClusterMetrics(listen: MetricsListen): Promise<MetricsServer> {
  const { clusterScrape, startMetricsServer } = await import('./metrics.js');
  return startMetricsServer(listen, clusterScrape()).catch((error: unknown) => {
    throw startupError(error, listen, METRICS_LISTENER);
  });
}

/** How a metrics listen failure names the setting, beside the public port's. */
const METRICS_LISTENER = ' for metrics (METRICS_PORT)';

interface Serving {
  readonly app: FastifyInstance;
  readonly url: string;
  /** Where this process serves its metrics, when it does (`--workers 1` with METRICS_PORT). */
  readonly metricsUrl: string | undefined;
  /** Stops accepting, lets in-flight requests finish, closes the database, writes the last log lines. */
  readonly stop: () => Promise<void>;
}

/** Builds the app and listens; on failure closes what it opened and throws a one-line reason. */
async function startServing(
  config: Config,
  openServingDatabase: ServingDatabaseOpener,
  options: { readonly inCluster: boolean },
): Promise<Serving> {
  const handle = openServingDatabase();
  let app: FastifyInstance | undefined;
  let metricsServer: MetricsServer | undefined;
  try {
    app = await buildApp(config, { database: handle });
    const stopping = closeConnectionsWhenStopping(app);
    if (config.metrics) {
      metricsServer = await instrument(app, handle, config.metrics, options.inCluster);
    }
    await app.listen({
      host: config.host,
      port: config.port,
      listenTextResolver: (address) => `listening on ${address}`,
    });
    const started = app;
    const startedMetrics = metricsServer;
    return {
      app: started,
      url: urlOf(started.server.address() as AddressInfo),
      metricsUrl: startedMetrics?.url,
      stop: async () => {
        stopping.begin();
        await Promise.all([started.close(), startedMetrics?.close()]);
        await handle.close();
        await finishLogOutput();
      },
    };
  } catch (error) {
    // Release what was opened, but report why start-up failed, not a failure to close.
    await metricsServer?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw startupError(error, config);
  }
}

/**
 * Registers the metrics of this process (prom-client is loaded only now) and,
 * outside a cluster, serves them; a cluster worker reports them to its primary.
 */
async function instrument(
  app: FastifyInstance,
  handle: DatabaseHandle,
  listen: MetricsListen,
  inCluster: boolean,
): Promise<MetricsServer | undefined> {
  const metrics = await import('./metrics.js');
  const registry = metrics.instrumentServing(app, handle, { reportToPrimary: inCluster });
  if (inCluster) return undefined;
  return metrics.startMetricsServer(listen, metrics.processScrape(registry)).catch((error) => {
    throw startupError(error, listen, METRICS_LISTENER);
  });
}

/**
 * Fastify closes the connections idle when the stop begins, but a keep-alive
 * connection whose request was in flight would stay open until its timeout
 * (72 s) and hold the stop: answers sent while stopping close their connection.
 */
function closeConnectionsWhenStopping(app: FastifyInstance): { begin: () => void } {
  let stopping = false;
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) reply.header('connection', 'close');
    done(null, payload);
  });
  return { begin: () => (stopping = true) };
}

function startupError(
  error: unknown,
  listen: { readonly host: string; readonly port: number },
  listener = '',
): unknown {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const where = `${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${listen.port}${listener}`;
  if (syscall === 'getaddrinfo') {
    if (code === 'ENOTFOUND') return new Error(`cannot listen on ${where}: no such host`);
    return new Error(`cannot listen on ${where}: the host name could not be resolved (${code})`);
  }
  // Only the socket's own refusals are about the address; a folder or file refused is reported as is.
  if (syscall !== 'listen' && syscall !== 'bind') return error;
  if (code === 'EADDRINUSE')
    return new Error(`cannot listen on ${where}: the address is already in use`);
  if (code === 'EACCES') return new Error(`cannot listen on ${where}: permission denied`);
  if (code === 'EADDRNOTAVAIL')
    return new Error(`cannot listen on ${where}: no such local address`);
  return error;
}

/** A stop asked during start-up waits for it, then stops what started. */
async function stopWhenStarted(
  started: Promise<Serving>,
  cause: { readonly signal?: NodeJS.Signals; readonly err?: Error },
): Promise<void> {
  const serving = await started.catch(() => undefined);
  if (!serving) {
    if (cause.err) console.error(cause.err);
    return;
  }
  if (cause.err) serving.app.log.error({ err: cause.err }, 'shutting down after an uncaught error');
  else
    serving.app.log.info(
      cause.signal ? { signal: cause.signal } : { by: 'primary' },
      'shutting down',
    );
  await serving.stop();
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

interface GracefulStop {
  /** Starts the stop; later requests change nothing. */
  readonly request: (cause: { readonly signal?: NodeJS.Signals }) => void;
  readonly uninstall: () => void;
}

/**
 * The stop of one serving process, bounded by close-with-grace (which also
 * stops on an uncaught error). It is asked at most once: the same signal often
 * arrives twice, sent to the whole process group by a terminal or systemd and
 * forwarded by a parent (the primary, the debug watcher), and a repeat must not
 * cut the in-flight requests short.
 */
function gracefulStop(
  started: Promise<Serving>,
  warn: (line: string) => void = () => {},
): GracefulStop {
  let requested: { readonly signal?: NodeJS.Signals } | undefined;
  let serving: Serving | undefined;
  started.then((ready) => (serving = ready)).catch(() => {});
  const onTimeout = () => {
    const cut = serving ? reportCutRequests(serving.app) : 0;
    warn(`the stop ran out of time (${SHUTDOWN_GRACE_MS / 1000} s): ${cut} request(s) cut`);
  };
  const grace = closeWithGrace(
    { delay: SHUTDOWN_GRACE_MS, skip: [...STOP_SIGNALS], onTimeout },
    ({ err }) => stopWhenStarted(started, err ? { err } : (requested ?? {})),
  );
  return {
    request: (cause) => {
      if (requested) return;
      requested = cause;
      void grace.close();
    },
    uninstall: () => grace.uninstall(),
  };
}

/**
 * Logs each request a stop that ran out of time is about to cut (exit 1
 * follows): without it, such a request would leave no line at all.
 */
function reportCutRequests(app: FastifyInstance): number {
  const requests = app.requestsInFlight().map((request) => ({
    reqId: request.id,
    method: request.method,
    path: request.url.split('?', 1)[0],
  }));
  app.log.error({ requests }, 'the stop ran out of time: requests still in flight are cut');
  return requests.length;
}

/** `--workers 1`: this process serves until SIGINT or SIGTERM. */
async function runSingleProcess(
  config: Config,
  output: ServeOutput,
  openServingDatabase: ServingDatabaseOpener,
): Promise<void> {
  const started = startServing(config, openServingDatabase, { inCluster: false });
  const stop = gracefulStop(started, output.warn);
  const onSignal = (signal: NodeJS.Signals) => stop.request({ signal });
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const serving = await started;
    output.print(`Monster Shop is running on ${serving.url} (press Ctrl+C to stop)`);
    if (serving.metricsUrl) output.print(metricsLine(serving.metricsUrl));
  } catch (error) {
    stop.uninstall();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    throw error;
  }
}

/**
 * A node:cluster worker: serves until the primary sends the shutdown message.
 * It ignores SIGINT/SIGTERM, which a terminal or systemd also sends to every
 * process of the group: the primary alone coordinates the stop.
 */
async function runClusterWorker(config: Config): Promise<void> {
  for (const signal of STOP_SIGNALS) process.on(signal, () => {});
  const started = startServing(
    config,
    () => openDatabase(config.database, { observeQueries: observesQueries(config) }),
    { inCluster: true },
  );
  const stop = gracefulStop(started);
  process.on('message', (message) => {
    if (isShutdownMessage(message)) stop.request({});
  });
  try {
    await started;
  } catch (error) {
    stop.uninstall();
    // The primary prints the one line and exits 1; several workers failing alike print nothing.
    const failed: StartupFailedMessage = {
      type: 'monsters:startup-failed',
      reason: error instanceof Error ? error.message : String(error),
    };
    process.send?.(failed, undefined, undefined, () => process.exit(1));
  }
}

function urlOf(address: AddressInfo | { address: string; port: number }): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
