import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../../db/connection.js';
import { findMonstersByIds } from '../../db/monsters.queries.js';
import { MAX_ROW_ID } from '../../db/tables.js';
import {
  allows,
  type ConsentChoices,
  POLICY_VERSION,
} from '../../plugins/consent/consent-state.js';
import { COOKIES } from '../../plugins/consent/cookie-registry.js';
import { insertConsentProof, recordMonsterView } from './consent.queries.js';

const RECENT_LIMIT = 6;
const RECENT_COOKIE = COOKIES.recentlyViewed.names[0];
const VISITOR_COOKIE = COOKIES.visitor.names[0];

/** A part of the cookie as the id it names: digits as we write them, 1 to MAX_ROW_ID. */
function rowIdOf(part: string): number | undefined {
  if (!/^[1-9]\d*$/.test(part)) return undefined;
  const id = Number(part);
  return id <= MAX_ROW_ID ? id : undefined;
}

/** The ids in the `recently_viewed` cookie — read only once preferences are accepted. */
function recentlyViewedIds(request: FastifyRequest): number[] {
  if (!allows(request, 'preferences')) return [];
  const raw = request.cookies[RECENT_COOKIE] ?? '';
  return raw
    .split('.')
    .map(rowIdOf)
    .filter((id) => id !== undefined)
    .slice(0, RECENT_LIMIT);
}

/** The recently viewed monsters, most recent first, for the home page. */
export function recentlyViewedMonsters(db: DB, request: FastifyRequest) {
  return findMonstersByIds(db, recentlyViewedIds(request), ['name', 'category']);
}

/**
 * Called when a monster page is viewed: remembers it in `recently_viewed`
 * (preferences) and counts it for the ranking under the `visitor` id
 * (statistics) — each only with that category's consent.
 */
export async function rememberView(
  db: DB,
  request: FastifyRequest,
  reply: FastifyReply,
  monsterId: number,
): Promise<void> {
  if (allows(request, 'preferences')) {
    const ids = [monsterId, ...recentlyViewedIds(request).filter((id) => id !== monsterId)].slice(
      0,
      RECENT_LIMIT,
    );
    reply.setCookie(
      RECENT_COOKIE,
      ids.join('.'),
      request.cookieOptions(COOKIES.recentlyViewed.lifetime),
    );
  }
  if (allows(request, 'statistics')) {
    let visitor = request.cookies[VISITOR_COOKIE];
    if (!visitor || !/^[A-Za-z0-9_-]{22}$/.test(visitor)) {
      visitor = randomBytes(16).toString('base64url');
      reply.setCookie(VISITOR_COOKIE, visitor, request.cookieOptions(COOKIES.visitor.lifetime));
    }
    await recordMonsterView(db, {
      monsterId,
      visitorId: visitor,
      day: new Date().toISOString().slice(0, 10),
    });
  }
}

/**
 * Keeps the proof of a choice (docs/requirements.md §7): what was chosen,
 * under which version of the policy, by whom if signed in, and when.
 */
export function recordConsent(db: DB, choices: ConsentChoices, userId: number | null) {
  return insertConsentProof(db, {
    choices: JSON.stringify(choices),
    policyVersion: POLICY_VERSION,
    userId,
    createdAt: new Date().toISOString(),
  });
}
