import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';

export interface PostgresCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  readonly url: string;
  /** Stops the server, keeping its data (an outage). */
  pause(): void;
  /** Starts it again after pause(). */
  resume(): void;
  /** Stops the server and deletes the cluster. */
  stop(): void;
}

/**
 * Starts a throwaway PostgreSQL cluster from the installed binaries on a free
 * loopback port, in a temporary folder. `initdb` refuses root, so as root the
 * server runs as the `postgres` system user.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'monsters-pg-'));
  const dataDir = join(dir, 'data');
  const runAsRoot = process.getuid?.() === 0;
  if (runAsRoot) {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    runAsRoot
      ? execFileSync('runuser', ['-u', PG_USER, '--', join(PG_BIN, command), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(PG_BIN, command), args, { stdio: 'pipe' });

  const port = await freePort();
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      serverOptions,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
  start();

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pause: () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

/**
 * `count` distinct free loopback ports. Each stays bound until all are
 * chosen: asked one after the other, the kernel may hand out a port just
 * released a second time.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index += 1) servers.push(await listenOnAnyPort());
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** One statement on its own connection (`create database`, `drop database`: outside any transaction). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
