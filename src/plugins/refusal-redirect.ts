import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '../shared/domain-error.js';
import { refusalStatus } from './errors.js';
import { type CarriedRefusal, SessionTooLargeError } from './sessions/session.js';

/**
 * A typed value is carried in the session only to be put back in its field:
 * a cookie-stored session has little room, and no field of a POST-only form
 * needs more.
 */
const MAX_CARRIED_VALUE_LENGTH = 100;

export interface RefusalToCarry {
  /** The form of the target page it concerns (`add-to-cart-7`, `cart-line-7`, `checkout`). */
  readonly form: string;
  readonly error: DomainError;
  /** Per-field texts as the target page names its fields; the error's own by default. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The values typed, to put back: only these are carried. */
  readonly values?: Readonly<Record<string, string | undefined>>;
}

/** The refusal as the target page will read it, in the visitor's language. */
export function carriedRefusalOf(
  request: FastifyRequest,
  reply: FastifyReply,
  { form, error, fields, values = {} }: RefusalToCarry,
): CarriedRefusal {
  const lang = request.lang();
  const ownFields = Object.entries(error.fields).map(([name, issue]) => [name, issue.text(lang)]);
  const typed = Object.entries(values).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, value.slice(0, MAX_CARRIED_VALUE_LENGTH)]],
  );
  return {
    form,
    status: refusalStatus(reply, error),
    message: error.text(lang),
    fields: fields ?? Object.fromEntries(ownFields),
    values: Object.fromEntries(typed),
  };
}

/**
 * Post/Redirect/Get for a form refused on a URL that only accepts POST: the
 * refusal is kept in the session and the browser sent back (303) to `target`,
 * the page the form was on, which re-shows it once with the refusal's status.
 * Reloading or switching language there then works. Says whether it
 * answered: not when the session has no room left for the refusal (a full
 * cookie session); the caller then shows it in this answer instead.
 *
 * A boolean, not the reply (docs/pitfalls.md #15).
 */
export async function redirectWithRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  target: string,
  refusal: CarriedRefusal,
): Promise<boolean> {
  const session = await request.session();
  try {
    session.carryRefusal(refusal, target);
  } catch (error) {
    if (error instanceof SessionTooLargeError) return false;
    throw error;
  }
  // The redirect itself is no refusal: headers the status brought (Retry-After) stay on the page.
  reply.removeHeader('retry-after');
  reply.redirect(target, 303);
  return true;
}
