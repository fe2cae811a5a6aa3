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
export {
  browseMonsters,
  categoryNames,
  getMonster,
  listCategoryChoices,
  type MonsterPage,
} from './catalogue.service.js';
export { listUrl, monsterApiPath } from './catalogue-paths.js';
export {
  type Category,
  type CategoryNames,
  categoryLabel,
  contentLanguageOf,
  descriptionIn,
  inNameOrder,
  type LocalizedText,
  type MonsterJson,
  monsterJsonIn,
} from './localized-monster.js';
export { formatMatchCount, type MatchCount } from './match-count.js';
export { monsterForClient, monsterPageForClient } from './monster-json.js';
export { type IgnoredParameter, readPageQuery } from './page-query.js';
export { IgnoredParameters } from './views/ignored-parameters.js';
export { MonsterCard } from './views/monster-card.js';
