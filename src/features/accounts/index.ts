export { accountsApi } from './accounts.api.js';
export { accountsRoutes } from './accounts.routes.js';
export { createUser, listUsers, type RegistrationInput, setRole } from './accounts.service.js';
export {
  ACCOUNT_PATH,
  LOGIN_PATH,
  LOGOUT_PATH,
  loginPath,
  REGISTER_PATH,
  registerPath,
} from './accounts-paths.js';
