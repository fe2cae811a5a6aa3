import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One log line per request, written when the response is sent (Fastify's
 * default writes two), or when the client closed the connection before. The query string is left out: it may hold search
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
    // No answer will be logged for a request whose client went away first: say so.
    app.addHook('onRequestAbort', (request, done) => {
      request.log.info(
        { method: request.method, path: request.url.split('?', 1)[0] },
        'request abandoned by the client',
      );
      done();
    });
  },
  { name: 'request-logging' },
);
