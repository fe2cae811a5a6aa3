import type { FastifyRequest } from 'fastify';
import { COOKIES, type OptionalCategory } from './cookie-registry.js';

/**
 * The version of the cookie policy. Changing it (a new cookie, a new
 * purpose) makes every visitor's earlier choice void: they are asked again.
 */
export const POLICY_VERSION = '2026-11-25';

export interface ConsentChoices {
  readonly preferences: boolean;
  readonly statistics: boolean;
}

export interface ConsentState extends ConsentChoices {
  /** False until the visitor chose under the current policy version: the banner shows. */
  readonly decided: boolean;
}

const UNDECIDED: ConsentState = Object.freeze({
  decided: false,
  preferences: false,
  statistics: false,
});

/** `v=2026-11-25&p=1&s=0`: small, readable in the browser's cookie panel. */
export function serializeConsent(choices: ConsentChoices): string {
  return `v=${POLICY_VERSION}&p=${choices.preferences ? 1 : 0}&s=${choices.statistics ? 1 : 0}`;
}

export function parseConsent(value: string | undefined): ConsentState {
  if (!value) return UNDECIDED;
  const fields = new URLSearchParams(value);
  if (fields.get('v') !== POLICY_VERSION) return UNDECIDED;
  return {
    decided: true,
    preferences: fields.get('p') === '1',
    statistics: fields.get('s') === '1',
  };
}

export function consentOf(request: FastifyRequest): ConsentState {
  return parseConsent(request.cookies?.[COOKIES.consent.names[0]]);
}

/** No optional cookie is set, nor read, before its category is accepted (docs/requirements.md §7). */
export function allows(request: FastifyRequest, category: OptionalCategory): boolean {
  return consentOf(request)[category];
}
