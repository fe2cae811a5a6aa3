import { tracingChannel } from 'node:diagnostics_channel';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What Fastify publishes on its `fastify.request.handler` tracing channel, per handler call. */
interface HandlerCall {
  readonly request: FastifyRequest;
  /** Set by Fastify when the handler returned a promise. */
  readonly async: boolean;
}

/** Handler calls that have not settled yet, each with what settles it for a waiter. */
const running = new Map<HandlerCall, { settled: Promise<void>; settle: () => void }>();

function started(call: HandlerCall): void {
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  running.set(call, { settled, settle });
}

function finished(call: HandlerCall): void {
  running.get(call)?.settle();
  running.delete(call);
}

// Publishing costs Fastify nothing until someone subscribes: only the tests do.
tracingChannel<unknown, HandlerCall>('fastify.request.handler').subscribe({
  start: started,
  end: (call) => {
    if (!call.async) finished(call);
  },
  asyncStart: () => {},
  asyncEnd: finished,
  error: () => {},
});

/**
 * Waits (at most `limitMs`) for the route handlers of `app` still running:
 * an answer can reach the test before its handler is done, and what that
 * handler does next (a query, a second answer) belongs to this test, not to
 * whatever runs after the app is closed.
 */
export async function handlersSettled(app: FastifyInstance, limitMs = 10_000): Promise<void> {
  const ofThisApp = [...running].filter(([call]) => call.request.server.server === app.server);
  if (ofThisApp.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
  await Promise.race([Promise.all(ofThisApp.map(([, { settled }]) => settled)), limit]);
  clearTimeout(timer);
}
