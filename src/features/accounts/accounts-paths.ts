import { SITE_PATHS } from '../../shared/site-paths.js';

/** The accounts feature's URLs. */
export const LOGIN_PATH = SITE_PATHS.login;
export const REGISTER_PATH = '/register';
export const LOGOUT_PATH = SITE_PATHS.logout;
export const ACCOUNT_PATH = SITE_PATHS.account;
export const END_SESSION_PATH = `${ACCOUNT_PATH}/sessions/end`;
export const END_OTHER_SESSIONS_PATH = `${ACCOUNT_PATH}/sessions/end-others`;

/** Where signing out leads: the site's front page. */
export const SIGNED_OUT_PATH = SITE_PATHS.home;

/** The JSON API's session resource, under /api. */
export const SESSION_API_PATH = '/session';

const withNext = (path: string, next: string | undefined) =>
  next ? `${path}?next=${encodeURIComponent(next)}` : path;

/** The sign-in page, leading to `next` (a same-site path) once signed in. */
export const loginPath = (next?: string): string => withNext(LOGIN_PATH, next);

/** The registration page, leading to `next` (a same-site path) once registered. */
export const registerPath = (next?: string): string => withNext(REGISTER_PATH, next);

/** The account page's "sign out this session" forms, as a refusal carried back names them. */
export const END_SESSION_FORM = 'end-session';
