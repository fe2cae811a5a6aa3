import { type Static, Type } from 'typebox';
import { PageNumber, PerPage } from '../../shared/schemas.js';
import { MonsterListResponse, SearchText } from '../catalogue/index.js';

/** `GET /search`: the API's `q` and pagination. */
export const SearchPageQuery = Type.Object({
  q: Type.Optional(SearchText),
  page: Type.Optional(PageNumber),
  per_page: Type.Optional(PerPage),
});
export type SearchPageQuery = Static<typeof SearchPageQuery>;

/** `POST /search` (read by readForm): the same `q`, so both refuse the same texts. */
export const SearchForm = Type.Object({ q: Type.Optional(SearchText) });

export const SearchResponse = Type.Object(
  { ...MonsterListResponse.properties, q: Type.String() },
  { additionalProperties: false },
);
