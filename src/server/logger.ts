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
 * Structured JSON logs (pretty in debug mode). Request logs carry no headers
 * and no body; the keys that could hold a credential are redacted. Named
 * paths only: a wildcard (`*.password`) runs pino's redactor on every field of
 * every line, a third of the cost of a request's log line.
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
        'body',
        'password',
        'err.password',
        'err.rawPacket',
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
