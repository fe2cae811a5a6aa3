import { SITE_PATHS } from '../../shared/site-paths.js';

/** The home page. */
export const HOME_PATH = SITE_PATHS.home;
