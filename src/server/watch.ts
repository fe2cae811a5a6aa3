import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { dirname } from 'node:path';

/** Set in the watched child, so that it serves instead of starting a watcher of its own. */
const WATCHED_CHILD = 'MONSTERS_WATCHED_CHILD';

/**
 * True in the first process of `serve --debug`, which hands over to a watched
 * child. Node 20 starts that child without `--watch` in its execArgv, so an
 * environment marker tells them apart (without it, every child would start
 * another watcher: an endless chain of processes).
 */
export function shouldRestartOnChange(env: Readonly<Record<string, string | undefined>>): boolean {
  return cluster.isPrimary && env[WATCHED_CHILD] !== '1';
}

/** The pid of `serve --debug`'s first process, given to the watched server. */
const WATCH_OWNER = 'MONSTERS_WATCH_OWNER';
/** What the watched server sends the first process when it cannot start. */
const STARTUP_FAILED: NodeJS.Signals = 'SIGUSR2';

/**
 * Called by the watched server when it cannot start for a reason no change of
 * code will fix (an address in use, a database out of reach): `node --watch`
 * would otherwise wait for a change forever. Once this process has said why
 * and exits, the first process is told, stops the watcher and exits 1.
 */
export function stopWatchingOnExit(env: Readonly<Record<string, string | undefined>>): void {
  const owner = Number(env[WATCH_OWNER]);
  if (env[WATCHED_CHILD] !== '1' || !Number.isInteger(owner)) return;
  process.once('exit', () => {
    try {
      process.kill(owner, STARTUP_FAILED);
    } catch {
      // The first process is gone already.
    }
  });
}

/**
 * Debug mode's "restart on code change": runs the same command again under
 * `node --watch-path`, watching the folder of the running code, and resolves
 * with its exit code. A signal sent to this process alone is passed on; the
 * watcher and the server treat a repeat (the same signal sent to the whole
 * process group) as the stop already under way.
 */
export function runUnderWatch(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const entry = process.argv[1] ?? '';
  const codeDir = dirname(entry);
  const child = spawn(
    process.execPath,
    [`--watch-path=${codeDir}`, ...process.execArgv, entry, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...env, [WATCHED_CHILD]: '1', [WATCH_OWNER]: String(process.pid) },
    },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  let startupFailed = false;
  const stopWatching = () => {
    startupFailed = true;
    child.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, forward);
  process.on(STARTUP_FAILED, stopWatching);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, forward);
      process.off(STARTUP_FAILED, stopWatching);
      resolve(startupFailed ? 1 : (code ?? 1));
    });
  });
}
