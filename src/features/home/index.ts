export { homeRoutes } from './home.routes.js';
export { HOME_PATH } from './home-paths.js';
