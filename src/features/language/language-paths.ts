import { SITE_PATHS } from '../../shared/site-paths.js';

/** Where the footer's language switch posts. */
export const LANGUAGE_PATH = SITE_PATHS.language;

/** Where a switch leads when its form names no page to come back to: the front page. */
export const AFTER_SWITCH_PATH = SITE_PATHS.home;
