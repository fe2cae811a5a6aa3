import type { ComponentChildren } from 'preact';
import { WHOLE_PAGE_FORM } from '../plugins/refusal-target.js';
import { MAX_QUERY_LENGTH } from '../shared/schemas.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import { ConsentBanner } from './consent-banner.js';
import { FormError, PostForm } from './form.js';
import type { ViewContext } from './view-context.js';

interface LayoutProps {
  readonly ctx: ViewContext;
  readonly title: string;
  readonly children: ComponentChildren;
  readonly bodyClass?: string;
  /** An error page's title already names the error; other pages say so when re-shown refused. */
  readonly isErrorPage?: boolean;
}

/** The shared page frame of docs/requirements.md §4: header with search, cart and sign-in state; footer with cookie preferences. */
export function Layout({ ctx, title, children, bodyClass, isErrorPage = false }: LayoutProps) {
  const { t } = ctx;
  const refused = ctx.status >= 400 && !isErrorPage;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${refused ? t.refusedTitle(title) : title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href={ctx.staticUrl('css/app.css')} />
        <link rel="icon" href={ctx.staticUrl('favicon.svg')} type="image/svg+xml" />
        {!ctx.consent.decided && <script src={ctx.staticUrl('js/consent.js')} defer />}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {!ctx.consent.decided && <ConsentBanner ctx={ctx} />}
        <Header ctx={ctx} />
        <main id="main" tabIndex={-1}>
          <FlashMessages ctx={ctx} />
          {ctx.refusal?.form === WHOLE_PAGE_FORM && <FormError message={ctx.refusal.message} />}
          {children}
        </main>
        <Footer ctx={ctx} />
        {ctx.inspectorPath && <InspectorToolbar path={ctx.inspectorPath} />}
      </body>
    </html>
  );
}

/** Debug mode: a link to this request in the request inspector (no script). */
function InspectorToolbar({ path }: { readonly path: string }) {
  return (
    <aside class="inspector-toolbar" aria-label="Debug">
      <a href={path}>Inspector · {path.slice(path.lastIndexOf('/') + 1)}</a>
    </aside>
  );
}

function Header({ ctx }: { readonly ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <header class="site-header">
      <a class="brand" href={SITE_PATHS.home}>
        <img src={ctx.staticUrl('favicon.svg')} alt="" width="32" height="32" />
        <span>{t.siteName}</span>
      </a>
      <nav aria-label={t.nav.main}>
        <ul class="nav-links">
          <li>
            <a href={SITE_PATHS.monsters}>{t.nav.monsters}</a>
          </li>
          <li>
            <a href={SITE_PATHS.halloween}>{t.nav.halloween}</a>
          </li>
          <li>
            <a href={SITE_PATHS.cart}>{t.nav.cartCount(ctx.cartCount)}</a>
          </li>
          {ctx.user?.role === 'admin' && (
            <li>
              <a href={SITE_PATHS.adminMonsters}>{t.nav.admin}</a>
            </li>
          )}
          {ctx.user ? (
            <>
              <li>
                <a href={SITE_PATHS.account} aria-label={t.nav.accountOf(ctx.user.name)}>
                  {ctx.user.name}
                </a>
              </li>
              <li>
                <PostForm ctx={ctx} action={SITE_PATHS.logout} class="inline-form">
                  <button type="submit" class="link-button">
                    {t.nav.signOut}
                  </button>
                </PostForm>
              </li>
            </>
          ) : (
            <li>
              <a href={SITE_PATHS.login}>{t.nav.signIn}</a>
            </li>
          )}
        </ul>
      </nav>
      <form
        class="search-box"
        role="search"
        aria-label={t.search.landmark}
        method="get"
        action={SITE_PATHS.search}
      >
        <label for="site-search" class="visually-hidden">
          {t.search.label}
        </label>
        <input
          id="site-search"
          type="search"
          name="q"
          placeholder={t.search.placeholder}
          maxLength={MAX_QUERY_LENGTH}
        />
        <button type="submit">
          <SearchIcon />
          <span class="search-box-submit">{t.search.submit}</span>
        </button>
      </form>
    </header>
  );
}

/** A magnifying glass: the header's search button shows only this on a phone. */
function SearchIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
      <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5" />
      <path d="m15 15 6 6" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
    </svg>
  );
}

/**
 * What the last form did. A status region present at load is not announced,
 * so it takes focus as the page loads (no script needed), and the screen
 * reader reads it; a refused form's error summary, later in the page, takes
 * focus instead (only the first `autofocus` of a page counts).
 */
function FlashMessages({ ctx }: { readonly ctx: ViewContext }) {
  if (ctx.flash.length === 0) return null;
  const errorSummaryShown = ctx.status >= 400 || ctx.refusal !== undefined;
  return (
    <div
      class="flash-messages"
      role="status"
      id="flash-messages"
      tabIndex={-1}
      autofocus={!errorSummaryShown}
    >
      {ctx.flash.map((message, index) => (
        <p key={index} class={`flash ${message.kind}`}>
          {message.text}
        </p>
      ))}
    </div>
  );
}

function Footer({ ctx }: { readonly ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <footer class="site-footer">
      <p>
        {t.footer.course} <a href={SITE_PATHS.course}>{t.footer.coursePage}</a>
      </p>
      <a href={SITE_PATHS.privacy}>{t.footer.cookiePreferences}</a>
      <form class="language-switch" method="post" action={SITE_PATHS.language}>
        <input type="hidden" name="next" value={ctx.path} />
        <fieldset>
          <legend>{t.footer.language}</legend>
          <button type="submit" name="lang" value="en" lang="en" aria-pressed={ctx.lang === 'en'}>
            English
          </button>
          <button type="submit" name="lang" value="fr" lang="fr" aria-pressed={ctx.lang === 'fr'}>
            Français
          </button>
        </fieldset>
      </form>
    </footer>
  );
}
