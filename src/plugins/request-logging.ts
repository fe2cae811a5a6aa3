import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One log line per request, written when the response is sent (Fastify's
 * default writes two). The query string is left out: it may hold search
 * terms or tokens; cookies and headers are never logged.
 */
export const requestLogging = fp(
  async (app: FastifyInstance) => {
    // Callback style: an async hook costs a promise per request on the hot path.
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          path: request.url.split('?', 1)[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
      done();
    });
  },
  { name: 'request-logging' },
);
