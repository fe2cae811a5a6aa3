export { adminApi } from './admin.api.js';
export { adminRoutes } from './admin.routes.js';
