/**
 * Every cookie the app can set (docs/requirements.md §7). Code that sets a cookie takes its
 * name and lifetime from here, and /privacy renders this list, so the
 * published policy cannot drift from what the app does.
 */
export type CookieCategory = 'necessary' | 'preferences' | 'statistics';

export interface RegisteredCookie {
  /** Key into the policy texts of both languages. */
  readonly key: 'session' | 'csrf' | 'consent' | 'lang' | 'recentlyViewed' | 'visitor';
  /** Every name the cookie may take (`__Host-session`, `__Host-csrf` over HTTPS or in production). */
  readonly names: readonly string[];
  readonly category: CookieCategory;
  /** Max-Age in seconds; `browser-session` = until the browser closes; `configured` = SESSION_LIFETIME. */
  readonly lifetime: number | 'browser-session' | 'configured';
}

const DAY = 86_400;

export const COOKIES = {
  session: {
    key: 'session',
    names: ['session', '__Host-session'],
    category: 'necessary',
    lifetime: 'configured',
  },
  csrf: {
    key: 'csrf',
    names: ['_csrf', '__Host-csrf'],
    category: 'necessary',
    lifetime: 'browser-session',
  },
  consent: { key: 'consent', names: ['consent'], category: 'necessary', lifetime: 180 * DAY },
  lang: { key: 'lang', names: ['lang'], category: 'necessary', lifetime: 365 * DAY },
  recentlyViewed: {
    key: 'recentlyViewed',
    names: ['recently_viewed'],
    category: 'preferences',
    lifetime: 30 * DAY,
  },
  visitor: { key: 'visitor', names: ['visitor'], category: 'statistics', lifetime: 180 * DAY },
} as const satisfies Record<string, RegisteredCookie>;

export const COOKIE_REGISTRY: readonly RegisteredCookie[] = Object.values(COOKIES);

export const OPTIONAL_CATEGORIES = ['preferences', 'statistics'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

/** Cookie names of an optional category: what withdrawing it deletes. */
export function cookieNamesOf(category: OptionalCategory): string[] {
  return COOKIE_REGISTRY.filter((cookie) => cookie.category === category).flatMap(
    (cookie) => cookie.names,
  );
}
