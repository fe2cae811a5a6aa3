import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
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

/** The response of each connection's latest request: under way until it has finished. */
const latestResponse = new WeakMap<Duplex, ServerResponse>();

/** The answer being written on `socket`, if any: nothing else may be written into it. */
export function responseUnderWay(socket: Duplex): ServerResponse | undefined {
  const response = latestResponse.get(socket);
  return response && !response.writableFinished ? response : undefined;
}

/**
 * Once the server begins to stop, requests still arriving (pipelined, or on
 * a keep-alive connection busy with an earlier request) get a 503 with
 * Retry-After through the one error handler: the branded page or a
 * problem, with the security headers, and the connection closed. Fastify's
 * own answer (`return503OnClosing`, turned off in build-app) is a bare JSON
 * body written before any hook runs. Requests already in flight finish.
 *
 * Connections with no request under way are closed when the stop begins:
 * Node counts one whose first request has not arrived (a browser's
 * preconnect, a head still being typed) as busy, and it would hold the stop
 * until its deadline, past the stop's own.
 */
export const closing = fp(
  async (app: FastifyInstance) => {
    let stopping = false;
    const open = new Set<Socket>();
    app.server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    });
    app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      latestResponse.set(request.socket, response);
    });
    app.addHook('preClose', (done) => {
      stopping = true;
      for (const socket of open) if (!responseUnderWay(socket)) socket.destroy();
      done();
    });
    app.addHook('onRequest', (_request, _reply, done) => {
      if (!stopping) return done();
      done(new ShopRestarting());
    });
  },
  { name: 'closing' },
);
