import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import fp from 'fastify-plugin';
import type { OverloadConfig } from '../config/config.js';
import { HttpError } from '../shared/http-error.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import { hasUnreadBody } from './body-limits.js';
import { platformTexts } from './platform-texts.js';

/** Health checks must tell "overloaded but alive" from "down": they never wait in line. */
const EXEMPT_ROUTES: ReadonlySet<string> = new Set([SITE_PATHS.status]);

interface Waiting {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly resume: HookHandlerDoneFunction;
  /** The start of the event-loop turn that read it: it has waited at least since then. */
  readonly since: number;
}

/**
 * Load shedding (docs/decisions/009-overload-admission-queue.md): under more
 * traffic than the process can serve, requests wait in a bounded queue, in
 * arrival order, and one that cannot start within `maxWaitMs` gets a fast 503
 * with Retry-After through the one error handler (logged as a warning).
 *
 * A request is admitted as soon as it is read: a request without a body in
 * its first hook, one with a body once the body has arrived (preValidation),
 * so clients that announce a body and send it slowly, or never, hold no slot.
 *
 * A request waits when `maxInFlight` requests are already running (waiting on
 * the database, a worker thread…), or when this turn of the event loop has
 * already spent `turnBudgetMs` on requests. The second rule keeps the loop
 * turning: libuv accepts one new connection per turn, and a turn otherwise
 * serves every connection that has a request ready, so under hundreds of
 * busy connections new ones (a health check's) wait seconds in the kernel's
 * accept queue. While connections are being accepted, waiting requests are
 * answered one per turn.
 */
export const overload = fp(
  async (app: FastifyInstance, options: OverloadConfig) => {
    const waiting: Waiting[] = [];
    let inFlight = 0;
    let turnStartedAt: number | undefined;
    let acceptedThisTurn = false;
    let expiryTimer: NodeJS.Timeout | undefined;

    /** Milliseconds this event-loop turn has spent so far, counted from its first event. */
    const turnElapsed = (now: number): number => {
      if (turnStartedAt === undefined) {
        turnStartedAt = now;
        // Immediates run once the turn has read every ready socket.
        setImmediate(endTurn);
      }
      return now - turnStartedAt;
    };

    /** Not once the turn accepted a connection (others may be waiting, one per turn), nor past its budget. */
    const mayAnswerAnother = (now: number) =>
      !acceptedThisTurn && turnElapsed(now) <= options.turnBudgetMs;

    const abandoned = (item: Waiting) => item.request.raw.socket.destroyed;
    const expired = (item: Waiting, now: number) => now - item.since >= options.maxWaitMs;

    const shed = (reply: FastifyReply, resume: HookHandlerDoneFunction) => {
      reply.code(503);
      resume(
        new HttpError(503, {
          detail: platformTexts.overloaded,
          headers: { 'Retry-After': String(options.retryAfterSeconds) },
        }),
      );
    };

    const start = (reply: FastifyReply, resume: HookHandlerDoneFunction) => {
      inFlight += 1;
      // 'close' comes once per response, sent or abandoned.
      reply.raw.once('close', release);
      resume();
    };

    /** Whether the oldest waiting request can be answered now: shed when it waited too long, else started when a slot is free. */
    const canAdvance = (now: number) => {
      const oldest = waiting[0];
      return oldest !== undefined && (expired(oldest, now) || inFlight < options.maxInFlight);
    };

    /** Answers the oldest waiting request that still wants an answer, if it can be answered now. */
    const advance = (now: number) => {
      for (let oldest = waiting[0]; oldest !== undefined; oldest = waiting[0]) {
        if (abandoned(oldest)) {
          waiting.shift();
        } else if (expired(oldest, now)) {
          waiting.shift();
          oldest.reply.raw.once('close', answered);
          shed(oldest.reply, oldest.resume);
          return;
        } else if (inFlight < options.maxInFlight) {
          waiting.shift();
          start(oldest.reply, oldest.resume);
          return;
        } else {
          return;
        }
      }
    };

    /** A response went out: the next waiting request is answered now if this turn may take it, else when the turn ends. */
    function answered() {
      const now = performance.now();
      if (waiting.length > 0 && mayAnswerAnother(now)) advance(now);
    }

    function release() {
      inFlight -= 1;
      answered();
    }

    /** Every turn that saw requests ends here, and answers one waiting request at least. */
    function endTurn() {
      const accepted = acceptedThisTurn;
      turnStartedAt = undefined;
      acceptedThisTurn = false;
      const now = performance.now();
      if (!canAdvance(now)) return;
      // What is answered now counts toward the next turn, which ends here again.
      turnElapsed(now);
      acceptedThisTurn = accepted;
      advance(now);
    }

    /** A waiting request is answered within `maxWaitMs` even when nothing else happens (a database that hangs). */
    const scheduleExpiry = () => {
      if (expiryTimer !== undefined || waiting.length === 0) return;
      const oldest = waiting[0] as Waiting;
      const delay = Math.max(0, oldest.since + options.maxWaitMs - performance.now());
      expiryTimer = setTimeout(() => {
        expiryTimer = undefined;
        const now = performance.now();
        if (canAdvance(now)) {
          turnElapsed(now);
          advance(now);
        }
        scheduleExpiry();
      }, Math.ceil(delay));
      expiryTimer.unref();
    };

    app.server.on('connection', () => {
      turnElapsed(performance.now());
      acceptedThisTurn = true;
    });

    /** Starts the request now, queues it, or sheds it when the queue is full. */
    const admit = (
      request: FastifyRequest,
      reply: FastifyReply,
      resume: HookHandlerDoneFunction,
    ) => {
      const now = performance.now();
      const elapsed = turnElapsed(now);
      if (
        waiting.length === 0 &&
        inFlight < options.maxInFlight &&
        elapsed <= options.turnBudgetMs
      ) {
        return start(reply, resume);
      }
      if (waiting.length >= options.maxQueued) return shed(reply, resume);
      waiting.push({ request, reply, resume, since: turnStartedAt ?? now });
      scheduleExpiry();
    };

    // A request whose body is still on its way holds no slot while it arrives:
    // it is admitted once read (bounded in time by the request deadline).
    const awaitingBody = new WeakSet<FastifyRequest>();

    app.addHook('onRequest', (request, reply, done) => {
      if (EXEMPT_ROUTES.has(request.routeOptions.url ?? '')) return done();
      if (hasUnreadBody(request.raw)) {
        awaitingBody.add(request);
        return done();
      }
      admit(request, reply, done);
    });

    app.addHook('preValidation', (request, reply, done) => {
      if (!awaitingBody.delete(request)) return done();
      admit(request, reply, done);
    });

    app.addHook('onClose', (_app, done) => {
      clearTimeout(expiryTimer);
      done();
    });
  },
  { name: 'overload' },
);
