import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import closeWithGrace from 'close-with-grace';
import type { Config } from '../config/config.js';
import { type DatabaseHandle, openDatabase } from '../db/connection.js';
import { prepareDatabase, type ServingDatabaseOpener } from '../db/prepare-database.js';
import { buildApp } from './build-app.js';

/** SPEC §8: stop accepting, finish in-flight requests, close the database, exit within 10 s. */
const SHUTDOWN_GRACE_MS = 9_000;

export interface ServeOutput {
  readonly print: (line: string) => void;
}

/**
 * `monsters serve`: migrate and seed once, then serve with one process or a
 * node:cluster of `config.workers` processes sharing the port.
 */
export async function serve(config: Config, output: ServeOutput): Promise<void> {
  if (cluster.isWorker) {
    await runWorker(config, () => openDatabase(config.database));
    return;
  }

  const openServingDatabase = await prepareDatabase(config.database, config.workers);
  if (config.workers === 1) {
    const url = await runWorker(config, openServingDatabase);
    output.print(`Monster Shop is running on ${url} (press Ctrl+C to stop)`);
    return;
  }
  await runPrimary(config, output);
}

/** One serving process: builds the app, listens, and shuts down gracefully on a signal. */
async function runWorker(
  config: Config,
  openServingDatabase: ServingDatabaseOpener,
): Promise<string> {
  const handle: DatabaseHandle = openServingDatabase();
  const app = await buildApp(config, { database: handle });
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await handle.close();
  });
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) => `listening on ${address}`,
  });
  return urlOf(app.server.address() as AddressInfo);
}

async function runPrimary(config: Config, output: ServeOutput): Promise<void> {
  let stopping = false;
  const workerCount = config.workers;
  let listening = 0;

  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workerCount) {
      output.print(
        `Monster Shop is running on ${urlOf(address)} with ${workerCount} workers (press Ctrl+C to stop)`,
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting a new one`);
    cluster.fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const deadline = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 500);
    deadline.unref();
    const waitForWorkers = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(waitForWorkers);
        process.exit(0);
      }
    }, 50);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  for (let index = 0; index < workerCount; index += 1) cluster.fork();
}

function urlOf(address: AddressInfo | { address: string; port: number }): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
