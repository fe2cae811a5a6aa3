import { Type } from 'typebox';
import { MAX_ROW_ID } from '../db/tables.js';

/**
 * Schemas every feature's API shares. Pagination: optional for clients;
 * Ajv fills in the defaults (`useDefaults`), so handlers see numbers.
 */

/** The longest search a visitor may type: the API's `q`, the header's and the pages' search boxes. */
export const MAX_QUERY_LENGTH = 200;

/** Far beyond any real list; keeps `offset` a small safe integer. */
const MAX_PAGE = 1_000_000;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export const PageNumber = Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 });
export const PerPage = Type.Integer({
  minimum: 1,
  maximum: MAX_PER_PAGE,
  default: DEFAULT_PER_PAGE,
});

/** The page asked for, defaults applied (already done by validation; this satisfies the types). */
export function pageOf(query: { page?: number | undefined; per_page?: number | undefined }) {
  return { page: query.page ?? 1, per_page: query.per_page ?? DEFAULT_PER_PAGE };
}

/** A row id in a URL or a body: a positive integer that fits every engine's integer column. */
export const RowId = Type.Integer({ minimum: 1, maximum: MAX_ROW_ID, examples: [1] });

/** A same-site path to come back to after a form (checked again by safeNextPath). */
export const NextPath = Type.String({ maxLength: 2048 });

/** RFC 9457 problem, as src/plugins/errors.tsx writes it. */
const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: "in the client's language (Accept-Language)" }),
    code: Type.Optional(
      Type.String({ description: 'stable error code, such as `cart.not_enough_stock`' }),
    ),
    errors: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'message per invalid field' }),
    ),
    request_id: Type.String(),
    stack: Type.Optional(Type.String({ description: 'debug mode only' })),
  },
  { additionalProperties: false },
);

/**
 * The OpenAPI security requirements of the API (the schemes are defined in
 * src/plugins/openapi.ts): the session cookie alone for a signed-in user's
 * reads, and with the `X-CSRF-Token` header for writes.
 */
export type SecurityRequirements = readonly Readonly<Record<string, readonly string[]>>[];
export const SIGNED_IN: SecurityRequirements = [{ sessionCookie: [] }];
export const SIGNED_IN_WRITE: SecurityRequirements = [{ sessionCookie: [], csrfToken: [] }];

/** A response schema in the RFC 9457 media type. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

/** The answer of a route behind requireUser or requireAdmin to a client that is not signed in. */
export const SIGN_IN_FIRST = problemResponse(
  'Not signed in (code `access.sign_in_first`): sign in with `POST /api/session` first, and send its session cookie.',
);
