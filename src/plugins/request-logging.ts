import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests neither answered nor abandoned yet: what a stop out of time cuts. */
    requestsInFlight(): readonly FastifyRequest[];
  }
}

const pathOf = (request: FastifyRequest) => request.url.split('?', 1)[0];

/**
 * One log line per request, written when the response is sent (Fastify's
 * default writes two), or when the client closed the connection before it
 * ended. The query string is left out: it may hold search terms or tokens;
 * cookies and headers are never logged.
 */
export const requestLogging = fp(
  async (app: FastifyInstance) => {
    const inFlight = new Set<FastifyRequest>();
    app.decorate('requestsInFlight', () => [...inFlight]);
    // Callback style: an async hook costs a promise per request on the hot path.
    app.addHook('onResponse', (request, reply, done) => {
      inFlight.delete(request);
      request.log.info(
        {
          method: request.method,
          path: pathOf(request),
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
      done();
    });
    // A client that went away before its answer was written (while sending its
    // body, or later, while the server waited on the database) gets no
    // 'request completed' line: say so. The response's 'close' comes in both
    // cases; Fastify's onRequestAbort only in the first.
    app.addHook('onRequest', (request, reply, done) => {
      inFlight.add(request);
      reply.raw.once('close', () => {
        inFlight.delete(request);
        // Ended: answered (inject's responses never report the socket flushed).
        if (reply.raw.writableEnded) return;
        const fields = { method: request.method, path: pathOf(request) };
        // An answer given before the upload was read stays open while the rest is
        // drained (docs/decisions/008): the client had its answer, then hung up.
        if (reply.raw.headersSent) {
          request.log.info(
            { ...fields, status: reply.statusCode },
            'request answered, its upload cut off by the client',
          );
        } else request.log.info(fields, 'request abandoned by the client');
      });
      done();
    });
  },
  { name: 'request-logging' },
);
