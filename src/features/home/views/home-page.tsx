import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { Monster } from '../../catalogue/catalogue.queries.js';
import { monsterPath } from '../../catalogue/monster-paths.js';
import { MonsterCard } from '../../catalogue/views/monster-card.js';
import type { RankedMonster } from '../../consent/consent.queries.js';

type MonsterLink = Pick<Monster, 'id' | 'name' | 'category'>;

export interface HomePageProps {
  readonly ctx: ViewContext;
  readonly featured: readonly Monster[];
  /** Empty unless the visitor accepted preference cookies. */
  readonly recentlyViewed: readonly MonsterLink[];
  readonly mostViewed: readonly RankedMonster[];
}

export function HomePage({ ctx, featured, recentlyViewed, mostViewed }: HomePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{ctx.user ? t.home.hello(ctx.user.name) : t.home.title}</h1>
        <p>{t.home.welcome}</p>
        <form class="hero-search" role="search" method="get" action="/search">
          <label for="home-search">{t.search.label}</label>
          <input id="home-search" type="search" name="q" placeholder={t.search.placeholder} />
          <button type="submit">{t.search.submit}</button>
        </form>
      </section>
      {recentlyViewed.length > 0 && (
        <section aria-labelledby="recent-title" class="recently-viewed">
          <h2 id="recent-title">{t.consent.recentlyViewed}</h2>
          <ul class="chip-list">
            {recentlyViewed.map((monster) => (
              <li key={monster.id}>
                <a href={monsterPath(monster)}>{monster.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="featured-title">
        <h2 id="featured-title">{t.home.featured}</h2>
        <div class="monster-grid">
          {featured.map((monster) => (
            <MonsterCard key={monster.id} ctx={ctx} monster={monster} />
          ))}
        </div>
        <p>
          <a href="/monsters">{t.home.browseAll}</a>
        </p>
      </section>
      {mostViewed.length > 0 && (
        <section aria-labelledby="most-viewed-title" class="most-viewed">
          <h2 id="most-viewed-title">{t.consent.mostViewed}</h2>
          <ol>
            {mostViewed.map((monster) => (
              <li key={monster.id}>
                <a href={monsterPath(monster)}>{monster.name}</a> — {t.consent.views(monster.views)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Layout>
  );
}
