import type { FastifyRequest } from 'fastify';

/**
 * Requests that already met a database-unavailable error. Whatever they
 * still do (render their error page, save their session) must not wait on
 * the database a second time: one wait per request is all a visitor gets.
 */
const metOutage = new WeakSet<FastifyRequest>();

export function noteDatabaseUnavailable(request: FastifyRequest): void {
  metOutage.add(request);
}

export function metDatabaseUnavailable(request: FastifyRequest): boolean {
  return metOutage.has(request);
}

/**
 * What a database-unavailable warning says: its code and message, one short
 * line. No stack: during an outage every request writes one, and the stack
 * says nothing the code does not.
 */
export function databaseFailureFields(error: unknown): { code?: string; reason: string } {
  if (!(error instanceof Error)) return { reason: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code, reason: error.message } : { reason: error.message };
}
