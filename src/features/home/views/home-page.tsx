import type { Monster } from '../../../db/monsters.queries.js';
import { formatNumber } from '../../../i18n/i18n.js';
import { monsterPath, SITE_PATHS } from '../../../shared/site-paths.js';
import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import { MAX_QUERY_LENGTH, MonsterCard } from '../../catalogue/index.js';
import type { RankedMonster } from '../../consent/index.js';
import { homeMessages } from '../home.messages.js';

type MonsterLink = Pick<Monster, 'id' | 'name' | 'category'>;

export interface HomePageProps {
  readonly ctx: ViewContext;
  readonly featured: readonly Monster[];
  /** Empty unless the visitor accepted preference cookies. */
  readonly recentlyViewed: readonly MonsterLink[];
  readonly mostViewed: readonly RankedMonster[];
  /** A category's name in the visitor's language. */
  readonly categoryName: (slug: string) => string;
}

export function HomePage(props: HomePageProps) {
  const { ctx, featured, recentlyViewed, mostViewed, categoryName } = props;
  const t = homeMessages[ctx.lang];
  const search = ctx.t.search;
  return (
    <Layout ctx={ctx} title={t.title}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{ctx.user ? t.hello(ctx.user.name) : t.title}</h1>
        <p>{t.welcome}</p>
        <form
          class="hero-search"
          role="search"
          method="get"
          action={SITE_PATHS.search}
          aria-label={t.searchLabel}
        >
          <label for="home-search">{t.searchLabel}</label>
          <input
            id="home-search"
            type="search"
            name="q"
            maxLength={MAX_QUERY_LENGTH}
            placeholder={search.placeholder}
          />
          <button type="submit">{search.submit}</button>
        </form>
      </section>
      {recentlyViewed.length > 0 && (
        <section aria-labelledby="recent-title" class="recently-viewed">
          <h2 id="recent-title">{t.recentlyViewed}</h2>
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
        <h2 id="featured-title">{t.featured}</h2>
        <ul class="monster-grid">
          {featured.map((monster) => (
            <li key={monster.id}>
              <MonsterCard
                ctx={ctx}
                monster={monster}
                categoryName={categoryName(monster.category)}
                headingLevel={3}
              />
            </li>
          ))}
        </ul>
        <p>
          <a href={SITE_PATHS.monsters}>{t.browseAll}</a>
        </p>
      </section>
      {mostViewed.length > 0 && (
        <section aria-labelledby="most-viewed-title" class="most-viewed">
          <h2 id="most-viewed-title">{t.mostViewed}</h2>
          <ol>
            {mostViewed.map((monster) => (
              <li key={monster.id}>
                <a href={monsterPath(monster)}>{monster.name}</a> —{' '}
                {t.views(monster.views, formatNumber(monster.views, ctx.lang))}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Layout>
  );
}
