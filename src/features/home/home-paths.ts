/** The home page. */
export const HOME_PATH = '/';
