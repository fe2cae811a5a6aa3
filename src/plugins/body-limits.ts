import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** How much of an unread request body is read and thrown away after the answer, at most. */
export interface LingerLimits {
  readonly maxBytes: number;
  readonly maxMs: number;
}

/**
 * 16 times the largest body the app accepts (a 2 MB picture): a phone photo
 * or a pasted file fits; an endless upload is cut off after 10 seconds.
 */
const DEFAULT_LINGER: LingerLimits = { maxBytes: 32 * 1024 * 1024, maxMs: 10_000 };

/** An answer is ready while the body the request announced has not been read to its end. */
export function hasUnreadBody(raw: IncomingMessage): boolean {
  if (raw.complete || raw.readableEnded || raw.destroyed) return false;
  return (
    raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length']) > 0
  );
}

/**
 * Reads and discards the rest of a request body; settles at its end, when
 * the client goes away, at a limit, or when `stop` is called, whichever
 * comes first. Never rejects.
 */
function discardRest(
  raw: IncomingMessage,
  limits: LingerLimits,
): { readonly done: Promise<void>; stop(): void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    let received = 0;
    const settle = () => {
      clearTimeout(timer);
      raw.off('data', count).off('end', settle).off('close', settle).off('error', settle);
      resolve();
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) settle();
    };
    const timer = setTimeout(settle, limits.maxMs);
    timer.unref();
    raw.on('data', count).once('end', settle).once('close', settle).once('error', settle);
    raw.resume();
    stop = settle;
  });
  return { done, stop };
}

const WITHOUT_BODY = new Set([204, 304]);

/**
 * Lingering close. An answer given before the request body was read (413
 * body too large, 415, an early 503…) is followed by Node closing the socket
 * with the rest of the upload unread, and the kernel then resets the
 * connection: a client that writes its whole body before reading (browsers,
 * `fetch`) loses the answer. So the answer is written at once, with its
 * length, but the response only ends once the rest of the body has been
 * read and discarded (within `limits`); Node then closes a drained socket
 * cleanly. See docs/decisions/008-lingering-close.md.
 */
export const bodyLimits = fp(
  async (app: FastifyInstance, options: { linger?: LingerLimits }) => {
    const limits = options.linger ?? DEFAULT_LINGER;
    // Stopping the server does not wait for uploads nobody will use.
    const draining = new Set<() => void>();
    app.addHook('preClose', (done) => {
      for (const stop of draining) stop();
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      const bufferable = payload == null || typeof payload === 'string' || Buffer.isBuffer(payload);
      if (!bufferable || WITHOUT_BODY.has(reply.statusCode) || !hasUnreadBody(request.raw)) {
        return done(null, payload);
      }
      const bytes = payload == null ? Buffer.alloc(0) : Buffer.from(payload);
      reply.header('connection', 'close').header('content-length', bytes.length);
      const answer = new PassThrough();
      if (bytes.length > 0) answer.write(bytes);
      // An empty answer (a redirect) has nothing to write: send its head now, not after the drain.
      else reply.raw.once('pipe', () => reply.raw.flushHeaders());
      const drain = discardRest(request.raw, limits);
      draining.add(drain.stop);
      void drain.done.then(() => {
        draining.delete(drain.stop);
        if (!answer.destroyed) answer.end();
      });
      done(null, answer);
    });
  },
  { name: 'body-limits' },
);
