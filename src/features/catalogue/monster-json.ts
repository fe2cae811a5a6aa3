import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Monster } from '../../db/monsters.queries.js';
import type { Lang } from '../../i18n/i18n.js';
import { contentLanguageOf, type MonsterJson, monsterJsonIn } from './localized-monster.js';

/**
 * JSON answers holding monsters are in the client's language (the `lang`
 * cookie, then `Accept-Language`, as for pages): each `description` in it
 * when written, `Content-Language` saying which language the body is in, and
 * `Vary: Accept-Language` so that caches keep the languages apart.
 */
function markLanguage(reply: FastifyReply, wanted: Lang, used: readonly Lang[]): void {
  const vary = reply.getHeader('vary');
  reply.header('Vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
  reply.header('Content-Language', contentLanguageOf(wanted, used));
}

/** One monster as the client's JSON (see above). */
export function monsterForClient(
  request: FastifyRequest,
  reply: FastifyReply,
  monster: Monster,
): MonsterJson {
  const wanted = request.lang();
  const { json, lang } = monsterJsonIn(monster, wanted);
  markLanguage(reply, wanted, [lang]);
  return json;
}

/** A page of monsters (any object with `items`) as the client's JSON (see above). */
export function monsterPageForClient<Page extends { readonly items: readonly Monster[] }>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page,
): Omit<Page, 'items'> & { items: MonsterJson[] } {
  const wanted = request.lang();
  const localized = page.items.map((monster) => monsterJsonIn(monster, wanted));
  markLanguage(
    reply,
    wanted,
    localized.map((item) => item.lang),
  );
  return { ...page, items: localized.map((item) => item.json) };
}
