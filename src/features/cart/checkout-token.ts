import { randomBytes } from 'node:crypto';
import { type Session, SessionTooLargeError } from '../../plugins/sessions/session.js';

/**
 * The checkout form's one-time token (docs/decisions/007), kept in the
 * session until an order uses it: every tab of the cart page, a re-sent
 * form, and a cart page rendered again after a lost answer all carry the same
 * token, so they place one order. Issued for signed-in visitors only (anyone
 * else is sent to sign in by the checkout). Undefined when a cookie session
 * has no room left: the checkout then works without it.
 */
export function checkoutTokenOf(session: Session | null): string | undefined {
  if (!session?.user) return undefined;
  const existing = session.data.checkoutToken;
  if (existing) return existing;
  const token = randomBytes(18).toString('base64url');
  try {
    session.update({ checkoutToken: token });
  } catch (error) {
    if (error instanceof SessionTooLargeError) return undefined;
    throw error;
  }
  return token;
}

/** After an order used the token (or it turned out used): the next cart gets a new one. */
export function forgetCheckoutToken(session: Session): void {
  // An undefined field is left out of the stored JSON.
  if (session.data.checkoutToken !== undefined) session.update({ checkoutToken: undefined });
}
