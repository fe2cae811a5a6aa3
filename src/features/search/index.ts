export { searchRoutes } from './search.routes.js';
export { SEARCH_PATH } from './search-paths.js';
