import type { FastifyRequest } from 'fastify';

/**
 * Requests answered by the error handler. A failure while that answer is
 * sent has nowhere left to go: handed back to the error path, it would reach
 * Fastify's default handler, which names the failure to the client.
 */
const errorAnswers = new WeakSet<FastifyRequest>();

export function noteErrorAnswer(request: FastifyRequest): void {
  errorAnswers.add(request);
}

export function isErrorAnswer(request: FastifyRequest): boolean {
  return errorAnswers.has(request);
}
