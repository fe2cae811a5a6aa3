export { catalogueApi } from './catalogue.api.js';
export { listFeaturedMonsters } from './catalogue.queries.js';
export { catalogueRoutes } from './catalogue.routes.js';
export {
  CategorySlug,
  MAX_CATEGORY_LENGTH,
  MAX_QUERY_LENGTH,
  MonsterIdParams,
  MonsterListResponse,
  MonsterSchema,
  SearchText,
} from './catalogue.schemas.js';
export { browseMonsters, getMonster, type MonsterPage } from './catalogue.service.js';
export { listUrl, monsterApiPath } from './catalogue-paths.js';
export { MonsterCard } from './views/monster-card.js';
