import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/connection.js';
import { prepareDatabase, type ServingDatabaseOpener } from '../db/prepare-database.js';
import { buildApp } from './build-app.js';
import {
  isShutdownMessage,
  type StartupFailedMessage,
  superviseWorkers,
} from './cluster-primary.js';

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

  const openServingDatabase = await prepareDatabase(config.database, config.workers, {
    observeQueries: config.debug,
  });
  if (config.workers === 1) return runSingleProcess(config, output, openServingDatabase);
  await superviseWorkers({
    workers: config.workers,
    stopDeadlineMs: SHUTDOWN_GRACE_MS + 500,
    onListening: (address) =>
      output.print(
        `Monster Shop is running on ${urlOf(address)} with ${config.workers} workers (press Ctrl+C to stop)`,
      ),
    warn: output.warn,
  });
}

interface Serving {
  readonly app: FastifyInstance;
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  readonly stop: () => Promise<void>;
}

/** Builds the app and listens; on failure closes what it opened and throws a one-line reason. */
async function startServing(
  config: Config,
  openServingDatabase: ServingDatabaseOpener,
): Promise<Serving> {
  const handle = openServingDatabase();
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { database: handle });
    const stopping = closeConnectionsWhenStopping(app);
    await app.listen({
      host: config.host,
      port: config.port,
      listenTextResolver: (address) => `listening on ${address}`,
    });
    const started = app;
    return {
      app: started,
      url: urlOf(started.server.address() as AddressInfo),
      stop: async () => {
        stopping.begin();
        await started.close();
        await handle.close();
      },
    };
  } catch (error) {
    // Release what was opened, but report why start-up failed, not a failure to close.
    await app?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    throw startupError(error, config);
  }
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

function startupError(error: unknown, config: Config): unknown {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const where = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
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
function gracefulStop(started: Promise<Serving>): GracefulStop {
  let requested: { readonly signal?: NodeJS.Signals } | undefined;
  const grace = closeWithGrace({ delay: SHUTDOWN_GRACE_MS, skip: [...STOP_SIGNALS] }, ({ err }) =>
    stopWhenStarted(started, err ? { err } : (requested ?? {})),
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

/** `--workers 1`: this process serves until SIGINT or SIGTERM. */
async function runSingleProcess(
  config: Config,
  output: ServeOutput,
  openServingDatabase: ServingDatabaseOpener,
): Promise<void> {
  const started = startServing(config, openServingDatabase);
  const stop = gracefulStop(started);
  const onSignal = (signal: NodeJS.Signals) => stop.request({ signal });
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const serving = await started;
    output.print(`Monster Shop is running on ${serving.url} (press Ctrl+C to stop)`);
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
  const started = startServing(config, () =>
    openDatabase(config.database, { observeQueries: config.debug }),
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
