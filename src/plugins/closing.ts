import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../shared/http-error.js';
import { platformTexts } from './platform-texts.js';

/** Long enough for a restarted process or another instance to take over. */
const RETRY_AFTER_SECONDS = 5;

/** The 503 of a stopping server: logged as a restart, not as overload. */
export class ShopRestarting extends HttpError {
  constructor() {
    super(503, {
      detail: platformTexts.restarting,
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), Connection: 'close' },
    });
  }
}

/**
 * Once the server begins to stop, requests still arriving (pipelined, or on
 * a keep-alive connection busy with an earlier request) get a 503 with
 * Retry-After through the one error handler: the branded page or a
 * problem, with the security headers, and the connection closed. Fastify's
 * own answer (`return503OnClosing`, turned off in build-app) is a bare JSON
 * body written before any hook runs. Requests already in flight finish.
 */
export const closing = fp(
  async (app: FastifyInstance) => {
    let stopping = false;
    app.addHook('preClose', (done) => {
      stopping = true;
      done();
    });
    app.addHook('onRequest', (_request, _reply, done) => {
      if (!stopping) return done();
      done(new ShopRestarting());
    });
  },
  { name: 'closing' },
);
