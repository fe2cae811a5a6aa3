import { type Static, Type } from 'typebox';
import { MAX_QUERY_LENGTH, PageNumber, PerPage, RowId } from '../../shared/schemas.js';
import { SORT_KEYS, SORT_ORDERS } from './catalogue.queries.js';

/**
 * Request and response schemas of the catalogue: they validate, drive the
 * fast JSON serialiser, and document the API (OpenAPI, src/plugins/openapi.ts).
 */

export { MAX_QUERY_LENGTH };
export const MAX_CATEGORY_LENGTH = 50;

/** A category as stored: a slug (docs/requirements.md §3). */
export const CategorySlug = Type.String({
  pattern: '^[a-z0-9-]+$',
  minLength: 1,
  maxLength: MAX_CATEGORY_LENGTH,
});

/** A monster of the demo catalogue, as the API shows it: the docs' example. */
const CTHULHU_EXAMPLE = {
  id: 1,
  name: 'Cthulhu',
  height: 47,
  category: 'cosmic',
  description:
    'Sleeps at the bottom of the Pacific and dreams in tentacles. This cuddly-sized edition fits on any bookshelf and only whispers on Tuesdays.',
  price_cents: 4700,
  stock: 12,
  image: '/static/img/monsters/cthulhu.svg',
};

/** The one JSON shape of a monster (docs/requirements.md §4), in lists too. */
export const MonsterSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    height: Type.Integer({ minimum: 0, description: 'centimetres' }),
    category: CategorySlug,
    description: Type.String(),
    price_cents: Type.Integer({ minimum: 0, description: 'euro cents' }),
    stock: Type.Integer({ minimum: 0 }),
    image: Type.Union([Type.String(), Type.Null()], { description: 'URL path of its picture' }),
  },
  { additionalProperties: false, examples: [CTHULHU_EXAMPLE] },
);

const Pagination = {
  page: Type.Optional(PageNumber),
  per_page: Type.Optional(PerPage),
};

/** What to search for: `q` of the API, the search page and its form. */
export const SearchText = Type.String({
  maxLength: MAX_QUERY_LENGTH,
  examples: ['tentacles'],
  description:
    'words to find in the name, the category (its slug or its English or French name) or ' +
    'the English or French description (accents and case ignored)',
});

const ListParameters = {
  sort: Type.Optional(
    Type.Enum(SORT_KEYS, { description: 'default: id (relevance when searching)' }),
  ),
  order: Type.Optional(Type.Enum(SORT_ORDERS, { description: 'default: asc' })),
  category: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9-]*$',
      maxLength: MAX_CATEGORY_LENGTH,
      description: 'empty: every category',
      examples: ['cosmic'],
    }),
  ),
  ...Pagination,
};

/** `GET /monsters`. */
export const MonsterListQuery = Type.Object(ListParameters);
export type MonsterListQuery = Static<typeof MonsterListQuery>;

/** `GET /api/monsters`: the same, plus a search. */
export const ApiMonsterListQuery = Type.Object({
  ...ListParameters,
  q: Type.Optional(SearchText),
});
export type ApiMonsterListQuery = Static<typeof ApiMonsterListQuery>;

const PageFields = {
  items: Type.Array(MonsterSchema),
  page: Type.Integer({ minimum: 1 }),
  per_page: Type.Integer({ minimum: 1 }),
  total: Type.Integer({
    minimum: 0,
    description: 'monsters on every page together, counted up to 10,000 (see total_capped)',
  }),
  total_capped: Type.Optional(
    Type.Literal(true, {
      description: 'present when more than 10,000 monsters match: total is then 10,000',
    }),
  ),
};

export const MonsterListResponse = Type.Object(PageFields, { additionalProperties: false });

export const ApiMonsterListResponse = Type.Object(
  {
    ...PageFields,
    q: Type.Optional(Type.String({ description: 'the search, when there is one' })),
  },
  {
    additionalProperties: false,
    description: 'One page of monsters',
    examples: [{ items: [CTHULHU_EXAMPLE], page: 1, per_page: 20, total: 1, q: 'tentacles' }],
  },
);

export const MonsterResponse = Type.Object(MonsterSchema.properties, {
  additionalProperties: false,
  description: 'The monster',
  examples: [CTHULHU_EXAMPLE],
});

/** A monster's id in a URL: `/api/monsters/:id`, and the text of the pages' URLs once read. */
export const MonsterIdParams = Type.Object({ id: RowId });

/**
 * The pages' `/monsters/:id` and `/monsters/:category/:id`: any text, so that
 * what is not an id is an unknown monster, a 404, rather than a 400
 * (docs/requirements.md §4).
 */
export const MonsterUrlParams = Type.Object({
  category: Type.Optional(Type.String()),
  id: Type.String(),
});
