import { statusText } from '../plugins/platform-texts.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import { Layout } from './layout.js';
import type { ViewContext } from './view-context.js';

export interface ErrorPageProps {
  readonly ctx: ViewContext;
  readonly status: number;
  /** A text written for the visitor (a rule of the shop); otherwise the status's own page text. */
  readonly detail?: string | undefined;
  /** The request sent a form (a button was pressed) rather than following a link. */
  readonly sentForm?: boolean;
  /** A page of this site the visitor came from, offered as a way back. */
  readonly previousPage?: string | undefined;
  readonly requestId: string;
  /** Only in debug mode. */
  readonly stack?: string | undefined;
}

/** What a 400 says: a link that does not work, or a form that could not be read. */
function badRequestTexts(ctx: ViewContext, sentForm: boolean) {
  return sentForm ? ctx.t.errors.badForm : ctx.t.errors.badAddress;
}

function errorTitle(ctx: ViewContext, status: number, sentForm: boolean, said: boolean): string {
  if (status === 400 && !said) return badRequestTexts(ctx, sentForm).title;
  return ctx.t.errors.titles[status] ?? ctx.t.errors.heading(status);
}

function pageText(ctx: ViewContext, status: number, sentForm: boolean): string | undefined {
  if (status === 400) return badRequestTexts(ctx, sentForm).detail;
  return ctx.t.errors.details[status] ?? statusText(status)?.text(ctx.lang);
}

/**
 * A branded error page in plain words, with a way back: the page the visitor
 * came from when it is one of this site, and the home page. Field names and
 * schema wording stay in the problem+json answers of API clients.
 */
export function ErrorPage({
  ctx,
  status,
  detail,
  sentForm = false,
  previousPage,
  requestId,
  stack,
}: ErrorPageProps) {
  const { t } = ctx;
  const title = errorTitle(ctx, status, sentForm, detail !== undefined);
  return (
    <Layout ctx={ctx} title={title} bodyClass="error-page" isErrorPage>
      <section class="error" aria-labelledby="error-title">
        <p class="error-status">{t.errors.heading(status)}</p>
        <h1 id="error-title">{title}</h1>
        <p class="error-detail">{detail ?? pageText(ctx, status, sentForm)}</p>
        {stack && <pre class="stack">{stack}</pre>}
        <ul class="error-ways-back">
          {previousPage && (
            <li>
              <a href={previousPage}>{t.errors.backToPrevious}</a>
            </li>
          )}
          <li>
            <a href={SITE_PATHS.home}>{t.errors.backHome}</a>
          </li>
        </ul>
        <p class="request-id">
          {t.errors.requestId}
          {t.errors.colon}
          <code>{requestId}</code>
        </p>
      </section>
    </Layout>
  );
}
