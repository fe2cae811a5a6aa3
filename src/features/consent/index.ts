export { mostViewedMonsters, type RankedMonster } from './consent.queries.js';
export { consentRoutes } from './consent.routes.js';
export { recentlyViewedMonsters, rememberView } from './consent.service.js';
