export { accountsApi } from './accounts.api.js';
export { accountsRoutes } from './accounts.routes.js';
export { createUser, listUsers, setRole } from './accounts.service.js';
