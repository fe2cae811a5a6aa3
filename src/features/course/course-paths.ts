import { SITE_PATHS } from '../../shared/site-paths.js';

/** The small routes the course builds first. */
export const STATUS_PATH = SITE_PATHS.status;
export const HALLOWEEN_PATH = SITE_PATHS.halloween;
export const HELLO_PATH = '/hello/';
export const HELLO_LOGIN_ROUTE = '/hello/:login';
export const WHOIS_PATH = '/whois';
export const TEAPOT_PATH = '/teapot';
export const COURSE_PATH = SITE_PATHS.course;
