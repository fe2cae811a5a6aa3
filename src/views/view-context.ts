import type { Lang } from '../i18n/i18n.js';
import type { Messages } from '../i18n/messages.en.js';

/** What every page template may read about the current request. */
export interface ViewContext {
  readonly lang: Lang;
  readonly t: Messages;
  /** Path and query of the current request, for "come back here" links. */
  readonly path: string;
  readonly staticUrl: (path: string) => string;
  readonly user: { readonly name: string } | null;
  readonly cartCount: number;
}
