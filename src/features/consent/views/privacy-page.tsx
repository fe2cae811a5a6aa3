import type { ConsentState } from '../../../plugins/consent/consent-state.js';
import {
  COOKIE_REGISTRY,
  OPTIONAL_CATEGORIES,
  type RegisteredCookie,
} from '../../../plugins/consent/cookie-registry.js';
import type { TypedValues } from '../../../plugins/read-form.js';
import { FormError, PostForm, type Refusal } from '../../../views/form.js';
import { Layout } from '../../../views/layout.js';
import { ScrollRegion } from '../../../views/scroll-region.js';
import type { ViewContext } from '../../../views/view-context.js';
import { consentMessages } from '../consent.messages.js';
import { CONSENT_PATH, PRIVACY_SAVED_PATH } from '../consent-paths.js';

export interface PrivacyPageProps {
  readonly ctx: ViewContext;
  readonly consent: ConsentState;
  readonly policyVersion: string;
  readonly sessionLifetimeSeconds: number;
  readonly saved: boolean;
  /** Why the last choice was refused (shown with the 4xx status). */
  readonly refusal?: Refusal | undefined;
  /** The form as it was sent, when refused: its boxes are shown as they were ticked. */
  readonly typed?: TypedValues | undefined;
}

const isCategory = (field: string) => (OPTIONAL_CATEGORIES as readonly string[]).includes(field);

/** The message, with those of the fields the visitor cannot see (the buttons' choice, `next`). */
function summaryOf({ message, fields }: Refusal): string {
  const unseen = Object.entries(fields).filter(([field]) => !isCategory(field));
  return [message, ...unseen.map(([, text]) => text)].join(' ');
}

const DAY = 86_400;

export function PrivacyPage({
  ctx,
  consent,
  policyVersion,
  sessionLifetimeSeconds,
  saved,
  refusal,
  typed,
}: PrivacyPageProps) {
  const t = consentMessages[ctx.lang];
  const ticked = (category: (typeof OPTIONAL_CATEGORIES)[number]) =>
    typed ? typed[category] === 'on' : consent[category];
  const lifetime = (cookie: RegisteredCookie) => {
    if (cookie.lifetime === 'browser-session') return t.lifetimes.browserSession;
    if (cookie.lifetime === 'configured')
      return t.lifetimes.configured(Math.max(1, Math.round(sessionLifetimeSeconds / DAY)));
    return t.lifetimes.days(Math.round(cookie.lifetime / DAY));
  };
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      {saved && (
        // Focused on load, as the layout's flash messages: announced, and Tab goes on from here.
        <p class="flash success" role="status" tabIndex={-1} autofocus={!refusal}>
          {t.saved}
        </p>
      )}
      <p>{t.intro}</p>
      <p>{t.policyVersion(policyVersion)}</p>

      <section aria-labelledby="choices">
        <h2 id="choices">{t.choicesTitle}</h2>
        <p>{t.currentChoice(consent.decided)}</p>
        <FormError message={refusal && summaryOf(refusal)} />
        <PostForm ctx={ctx} action={CONSENT_PATH} class="consent-preferences">
          <input type="hidden" name="next" value={PRIVACY_SAVED_PATH} />
          <input type="hidden" name="choice" value="custom" />
          {OPTIONAL_CATEGORIES.map((category) => {
            const error = refusal?.fields[category];
            return (
              <div class="checkbox-field" key={category}>
                <input
                  type="checkbox"
                  id={`consent-${category}`}
                  name={category}
                  value="on"
                  checked={ticked(category)}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `consent-${category}-error` : undefined}
                />
                <label for={`consent-${category}`}>
                  <strong>{t.categories[category]}</strong> — {t.categoryHelp[category]}
                </label>
                {error && (
                  <p class="field-error" id={`consent-${category}-error`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          <button type="submit">{t.save}</button>
        </PostForm>
        <PostForm ctx={ctx} action={CONSENT_PATH} class="consent-actions">
          <input type="hidden" name="next" value={PRIVACY_SAVED_PATH} />
          <button type="submit" name="choice" value="accept" class="consent-choice">
            {ctx.t.consent.acceptAll}
          </button>
          <button type="submit" name="choice" value="reject" class="consent-choice">
            {ctx.t.consent.rejectAll}
          </button>
        </PostForm>
      </section>

      {/* The table's scroll region is the landmark named by this heading: the section is not one too. */}
      <section>
        <h2 id="cookies-title">{t.cookiesTitle}</h2>
        <ScrollRegion labelledBy="cookies-title">
          <table class="cookie-table stacked-table">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.purpose}</th>
                <th scope="col">{t.lifetime}</th>
                <th scope="col">{t.category}</th>
                <th scope="col">{t.consentNeeded}</th>
              </tr>
            </thead>
            <tbody>
              {COOKIE_REGISTRY.map((cookie) => (
                <tr key={cookie.key}>
                  <th scope="row">
                    {cookie.names.map((name, index) => (
                      <span key={name}>
                        {index > 0 && ' / '}
                        <code>{name}</code>
                      </span>
                    ))}
                  </th>
                  <td data-label={t.purpose}>{t.purposes[cookie.key]}</td>
                  <td data-label={t.lifetime}>{lifetime(cookie)}</td>
                  <td data-label={t.category}>{t.categories[cookie.category]}</td>
                  <td data-label={t.consentNeeded}>
                    {cookie.category === 'necessary' ? t.no : t.yes}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </Layout>
  );
}
