import { type Static, Type } from 'typebox';
import { SORT_KEYS, SORT_ORDERS } from './catalogue.queries.js';

/**
 * Request and response schemas of the catalogue: they validate, drive the
 * fast JSON serialiser, and document the API (OpenAPI, src/plugins/openapi.ts).
 */

/** Far beyond any real catalogue; keeps `offset` a small safe integer. */
export const MAX_PAGE = 1_000_000;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_QUERY_LENGTH = 200;

/** The one JSON shape of a monster (docs/requirements.md §4), in lists too. */
export const MonsterSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    height: Type.Integer({ minimum: 0, description: 'centimetres' }),
    category: Type.String({ pattern: '^[a-z0-9-]+$' }),
    description: Type.String(),
    price_cents: Type.Integer({ minimum: 0, description: 'euro cents' }),
    stock: Type.Integer({ minimum: 0 }),
    image: Type.Union([Type.String(), Type.Null()], { description: 'URL path of its picture' }),
  },
  { additionalProperties: false },
);

/** Optional for clients; Ajv fills in the defaults (`useDefaults`), so handlers always see numbers. */
const Pagination = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  per_page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }),
  ),
};

/** The page asked for, defaults applied (already done by validation; this satisfies the types). */
export function pageOf(query: { page?: number | undefined; per_page?: number | undefined }) {
  return { page: query.page ?? 1, per_page: query.per_page ?? DEFAULT_PER_PAGE };
}

const SearchQuery = Type.String({
  maxLength: MAX_QUERY_LENGTH,
  description: 'words to find in the name, category or description (accents and case ignored)',
});

const ListParameters = {
  sort: Type.Optional(
    Type.Enum(SORT_KEYS, { description: 'default: id (relevance when searching)' }),
  ),
  order: Type.Optional(Type.Enum(SORT_ORDERS, { description: 'default: asc' })),
  category: Type.Optional(
    Type.String({ pattern: '^[a-z0-9-]*$', maxLength: 50, description: 'empty: every category' }),
  ),
  ...Pagination,
};

/** `GET /monsters`. */
export const MonsterListQuery = Type.Object(ListParameters);
export type MonsterListQuery = Static<typeof MonsterListQuery>;

/** `GET /api/monsters`: the same, plus a search. */
export const ApiMonsterListQuery = Type.Object({
  ...ListParameters,
  q: Type.Optional(SearchQuery),
});
export type ApiMonsterListQuery = Static<typeof ApiMonsterListQuery>;

/** `GET /search`. */
export const SearchPageQuery = Type.Object({ q: Type.Optional(SearchQuery), ...Pagination });
export type SearchPageQuery = Static<typeof SearchPageQuery>;

export const SearchForm = Type.Object({ q: Type.Optional(SearchQuery) });

const PageFields = {
  items: Type.Array(MonsterSchema),
  page: Type.Integer({ minimum: 1 }),
  per_page: Type.Integer({ minimum: 1 }),
  total: Type.Integer({ minimum: 0, description: 'monsters on every page together' }),
};

export const MonsterListResponse = Type.Object(PageFields, { additionalProperties: false });

export const ApiMonsterListResponse = Type.Object(
  {
    ...PageFields,
    q: Type.Optional(Type.String({ description: 'the search, when there is one' })),
  },
  { additionalProperties: false, description: 'One page of monsters' },
);

export const SearchResponse = Type.Object(
  { ...PageFields, q: Type.String() },
  { additionalProperties: false },
);

export const MonsterResponse = Type.Object(MonsterSchema.properties, {
  additionalProperties: false,
  description: 'The monster',
});

/** RFC 9457 problem, as src/plugins/errors.tsx writes it. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'message per invalid field' }),
    ),
    request_id: Type.String(),
    stack: Type.Optional(Type.String({ description: 'debug mode only' })),
  },
  { additionalProperties: false },
);

/** A response schema in the RFC 9457 media type. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** `/monsters/:id`: any text, so that a non-integer is a 404 rather than a 400 (docs/requirements.md §4). */
export const MonsterIdParams = Type.Object({ id: Type.String() });
export const MonsterPathParams = Type.Object({ category: Type.String(), id: Type.String() });
