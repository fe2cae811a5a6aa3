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
    { stdio: 'inherit', env: { ...env, [WATCHED_CHILD]: '1' } },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, forward);
      resolve(code ?? 1);
    });
  });
}
