import type { Lang } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages.en.js';
import type { ConsentState } from '../plugins/consent/consent-state.js';
import type { CarriedRefusal, FlashMessage, SessionUser } from '../plugins/sessions/session.js';

/** What every page template may read about the current request. */
export interface ViewContext {
  readonly lang: Lang;
  readonly t: Messages;
  /** Path and query of the current request, for "come back here" links. */
  readonly path: string;
  readonly staticUrl: (path: string) => string;
  readonly user: SessionUser | null;
  readonly cartCount: number;
  /** Messages left by the previous POST (Post/Redirect/Get), shown once. */
  readonly flash: readonly FlashMessage[];
  /** A form refused on a POST-only URL and carried here to be re-shown (Post/Redirect/Get). */
  readonly refusal: CarriedRefusal | undefined;
  /** The page's HTTP status: a page re-shown after a refused form says so in its title. */
  readonly status: number;
  /** The visitor's cookie choices; the banner shows until they decide. */
  readonly consent: ConsentState;
  /** The CSRF token for a state-changing form; issued on first use only. */
  readonly csrfToken: () => string;
  /** Debug mode only: this request's page in the request inspector. */
  readonly inspectorPath?: string | null;
}
