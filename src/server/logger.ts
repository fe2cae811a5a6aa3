import type { FastifyServerOptions } from 'fastify';
import { destination } from 'pino';
import type { Config } from '../config/config.js';

/** A destination for JSON log lines, one `write` per line. */
export interface LogStream {
  write(line: string): void;
}

/**
 * Standard output, written without blocking the event loop: lines logged while
 * a write is under way go out together in the next one, so a busy server makes
 * one system call for many requests, and a quiet one writes each line at once.
 * pino flushes what is left when the process exits (docs/decisions/017).
 */
function standardOutput(): LogStream {
  return destination({ dest: 1, sync: false });
}

/**
 * Structured JSON logs (pretty in debug mode). Credentials are redacted
 * wherever they could appear; request logs carry no headers at all.
 */
export function loggerOptions(config: Config, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...((stream || !config.debug) && { stream: stream ?? standardOutput() }),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
      ],
      censor: '[redacted]',
    },
    ...(config.debug &&
      !stream && {
        transport: {
          target: 'pino-pretty',
          options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
        },
      }),
  };
}
