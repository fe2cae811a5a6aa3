import { SITE_PATHS } from '../../shared/site-paths.js';

/** The consent feature's URLs. */
export const PRIVACY_PATH = SITE_PATHS.privacy;
/** Where every consent form posts: the banner's and the policy page's. */
export const CONSENT_PATH = SITE_PATHS.consent;

/** The policy page once a choice made on it is saved. */
export const PRIVACY_SAVED_PATH = `${PRIVACY_PATH}?saved=1`;

/** Where a choice leads when its form names no page to come back to: the front page. */
export const AFTER_CHOICE_PATH = SITE_PATHS.home;
