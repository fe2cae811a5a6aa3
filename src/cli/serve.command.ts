import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { serve } from '../server/listen.js';
import { runUnderWatch, shouldRestartOnChange, stopWatchingOnExit } from '../server/watch.js';
import { type CliIo, ReportedFailure } from './cli-io.js';

interface ServeOptions {
  host?: string;
  port?: string;
  database?: string;
  sessionStore?: string;
  debug?: boolean;
  workers?: string;
  metricsPort?: string;
}

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .alias('run')
    .description('migrate the database, then serve the app (graceful stop on SIGINT/SIGTERM)')
    .option('--host <host>', 'listen address (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'listen port (env PORT, default 5000)')
    .option(
      '--database <url>',
      'database URL (env DATABASE_URL, default sqlite:///data/halloween.db)',
    )
    .option('--session-store <kind>', 'database or cookie (env SESSION_STORE, default database)')
    .option('--debug', 'pretty logs, detailed error pages, restart on code change (env DEBUG=1)')
    .option(
      '--workers <n>',
      'worker processes, or "auto" for one per core (env WORKERS, default 1)',
    )
    .option(
      '--metrics-port <port>',
      'serve Prometheus metrics at /metrics on this port only (env METRICS_PORT, default off)',
    )
    .action(async (options: ServeOptions) => {
      const config = loadConfig({ flags: options, env: io.env, cwd: io.cwd });
      if (config.debug && shouldRestartOnChange(io.env)) {
        const code = await runUnderWatch(io.env);
        // The watched server has printed why it failed.
        if (code !== 0) throw new ReportedFailure(code);
        return;
      }
      try {
        await serve(config, {
          print: (line) => io.stdout(`${line}\n`),
          warn: (line) => io.stderr(`monsters: ${line}\n`),
        });
      } catch (error) {
        stopWatchingOnExit(io.env);
        throw error;
      }
    });
}
