import type { Monster } from '../../../db/monsters.queries.js';
import { formatPrice } from '../../../i18n/i18n.js';
import { monsterPath } from '../../../shared/site-paths.js';
import type { ViewContext } from '../../../views/view-context.js';

export function MonsterCard({
  ctx,
  monster,
}: {
  readonly ctx: ViewContext;
  readonly monster: Monster;
}) {
  return (
    <article class="monster-card">
      <a href={monsterPath(monster)}>
        {monster.image ? (
          <img src={monster.image} alt="" width="160" height="160" loading="lazy" />
        ) : (
          <span class="monster-card-placeholder" aria-hidden="true">
            ?
          </span>
        )}
        <h3>{monster.name}</h3>
      </a>
      <p class="monster-card-meta">
        <span class="category">{monster.category}</span>
        <span class="price">{formatPrice(monster.price_cents, ctx.lang)}</span>
      </p>
    </article>
  );
}
