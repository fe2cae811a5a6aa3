import { statusText } from '../plugins/platform-texts.js';
import { SITE_PATHS } from '../shared/site-paths.js';
import { Layout } from './layout.js';
import type { ViewContext } from './view-context.js';

export interface ErrorPageProps {
  readonly ctx: ViewContext;
  readonly status: number;
  readonly detail?: string | undefined;
  readonly errors?: Readonly<Record<string, string>> | undefined;
  readonly requestId: string;
  /** Only in debug mode. */
  readonly stack?: string | undefined;
}

function errorTitle(ctx: ViewContext, status: number): string {
  return ctx.t.errors.titles[status] ?? ctx.t.errors.heading(status);
}

export function ErrorPage({ ctx, status, detail, errors, requestId, stack }: ErrorPageProps) {
  const { t } = ctx;
  const title = errorTitle(ctx, status);
  return (
    <Layout ctx={ctx} title={title} bodyClass="error-page" isErrorPage>
      <section class="error" aria-labelledby="error-title">
        <p class="error-status">{t.errors.heading(status)}</p>
        <h1 id="error-title">{title}</h1>
        <p>{detail ?? t.errors.details[status] ?? statusText(status)?.text(ctx.lang)}</p>
        {errors && (
          <ul class="field-errors">
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                <code>{field}</code>
                {t.errors.colon}
                {message}
              </li>
            ))}
          </ul>
        )}
        {stack && <pre class="stack">{stack}</pre>}
        <p>
          <a href={SITE_PATHS.home}>{t.errors.backHome}</a>
        </p>
        <p class="request-id">
          {t.errors.requestId}
          {t.errors.colon}
          <code>{requestId}</code>
        </p>
      </section>
    </Layout>
  );
}
