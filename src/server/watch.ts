import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { dirname } from 'node:path';

/** True in the first process of `serve --debug`, which hands over to a watched child. */
export function shouldRestartOnChange(): boolean {
  return cluster.isPrimary && !process.execArgv.some((arg) => arg.startsWith('--watch'));
}

/**
 * Debug mode's "restart on code change": runs the same command again under
 * `node --watch-path`, watching the folder of the running code.
 */
export function runUnderWatch(): Promise<void> {
  const entry = process.argv[1] ?? '';
  const codeDir = dirname(entry);
  const child = spawn(
    process.execPath,
    [`--watch-path=${codeDir}`, ...process.execArgv, entry, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      process.exitCode = code ?? 0;
      resolve();
    });
  });
}
