import { Layout } from '../../../views/layout.js';
import type { ViewContext } from '../../../views/view-context.js';
import type { Monster } from '../../catalogue/catalogue.queries.js';
import { MonsterCard } from '../../catalogue/views/monster-card.js';

export function HomePage({
  ctx,
  featured,
}: {
  readonly ctx: ViewContext;
  readonly featured: readonly Monster[];
}) {
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
    </Layout>
  );
}
