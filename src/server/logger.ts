import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';

/**
 * Structured JSON logs (pretty in debug mode). Credentials are redacted
 * wherever they could appear; request logs carry no headers at all.
 */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
      ],
      censor: '[redacted]',
    },
    ...(config.debug && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    }),
  };
}
