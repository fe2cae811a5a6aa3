import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';

/** A destination for JSON log lines, one `write` per line. */
export interface LogStream {
  write(line: string): void;
}

/**
 * Structured JSON logs (pretty in debug mode). Credentials are redacted
 * wherever they could appear; request logs carry no headers at all.
 */
export function loggerOptions(config: Config, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream && { stream }),
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
