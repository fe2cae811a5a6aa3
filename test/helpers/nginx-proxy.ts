import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PROJECT_ROOT } from '../../src/shared/project.js';
import { waitUntil } from './monsters-process.js';
import { freePorts } from './postgres-cluster.js';

/**
 * nginx from deploy/ (its one template, rendered by deploy/render-nginx-conf.mjs)
 * in front of app instances on 127.0.0.1: its own prefix, pid, logs and
 * throwaway certificate in a temporary folder, `daemon off` in a process
 * group of its own that the test kills afterwards.
 */

const DEPLOY = join(PROJECT_ROOT, 'deploy');
const CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

/** The nginx binary, if installed. */
export function findNginx(): string | undefined {
  return CANDIDATES.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Why the proxy tests cannot run here, for node:test's `skip` (false when
 * they can). Under CI=true a missing nginx is not a reason to skip (.ci/run
 * installs it: a skip would hide that the deployment goes untested), so the
 * test runs and fails with `assertNginx`.
 */
export function nginxSkipReason(): string | false {
  if (findNginx() || process.env.CI === 'true') return false;
  return `${NGINX_MISSING}: apt-get install nginx`;
}

/** Throws, naming what is missing, when nginx is not installed. */
export function assertNginx(): string {
  const binary = findNginx();
  if (!binary) throw new Error(`${NGINX_MISSING} (CI=true: .ci/run installs it)`);
  return binary;
}

const NGINX_MISSING = `nginx is not installed (looked for ${CANDIDATES.join(', ')})`;

export interface NginxProxy {
  /** https://127.0.0.1:PORT */
  readonly httpsUrl: string;
  /** http://127.0.0.1:PORT, which redirects to httpsUrl. */
  readonly httpUrl: string;
  /** The throwaway certificate, which clients take as their CA. */
  readonly ca: string;
  readonly errorLog: () => string;
}

export interface NginxOptions {
  /** host:port of each app instance. */
  readonly upstreams: readonly string[];
  /** The address nginx connects to the instances from (what TRUST_PROXY names). */
  readonly proxyBind?: string;
}

const running = new Set<number>();
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  running.delete(pid);
}
process.once('exit', () => {
  for (const pid of running) killGroup(pid);
});

function renderConfig(dir: string, options: NginxOptions, ports: [number, number]): string {
  const args = [
    join(DEPLOY, 'render-nginx-conf.mjs'),
    '--standalone',
    dir,
    '--server-name',
    'localhost 127.0.0.1',
    '--http-listen',
    `127.0.0.1:${ports[0]}`,
    '--https-listen',
    `127.0.0.1:${ports[1]}`,
    '--certificate',
    join(dir, 'cert.pem'),
    '--certificate-key',
    join(dir, 'key.pem'),
    ...options.upstreams.flatMap((upstream) => ['--upstream', upstream]),
    ...(options.proxyBind ? ['--proxy-bind', options.proxyBind] : []),
  ];
  return execFileSync(process.execPath, args, { encoding: 'utf8' });
}

/** Starts nginx on two free loopback ports; resolves once it answers over HTTPS. */
export async function startNginx(t: TestContext, options: NginxOptions): Promise<NginxProxy> {
  const binary = assertNginx();
  const dir = mkdtempSync(join(tmpdir(), 'monsters-nginx-'));
  // As root, nginx's workers run as an unprivileged user: they must reach the temp folders.
  chmodSync(dir, 0o755);
  execFileSync(join(DEPLOY, 'make-test-cert.sh'), [dir], { stdio: 'pipe' });
  const ports = (await freePorts(2)) as [number, number];
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, renderConfig(dir, options, ports));
  const errorLog = join(dir, 'error.log');
  const child: ChildProcess = spawn(
    binary,
    ['-p', dir, '-e', errorLog, '-c', configFile, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${binary}`);
  running.add(pid);
  t.after(() => {
    killGroup(pid);
    rmSync(dir, { recursive: true, force: true });
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));

  const readLog = () => {
    try {
      return readFileSync(errorLog, 'utf8');
    } catch {
      return '';
    }
  };
  await waitUntil(
    () => {
      if (exited) throw new Error(`nginx exited: ${stderr}${readLog()}`);
      // Written once the listening sockets are open.
      return existsSync(join(dir, 'nginx.pid'));
    },
    15_000,
    'nginx to write its pid file',
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${stderr}${readLog()}`);
  });
  return {
    httpsUrl: `https://127.0.0.1:${ports[1]}`,
    httpUrl: `http://127.0.0.1:${ports[0]}`,
    ca: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    errorLog: readLog,
  };
}
