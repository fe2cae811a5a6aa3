import type { Monster } from './catalogue.queries.js';

/** The canonical URL of a monster's page: `/monsters/curcubitaceous/666`. */
export function monsterPath(monster: Pick<Monster, 'id' | 'category'>): string {
  return `/monsters/${encodeURIComponent(monster.category)}/${monster.id}`;
}
