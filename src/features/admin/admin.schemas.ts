import { type Static, Type } from 'typebox';

/**
 * No control characters: they are invisible, and PostgreSQL cannot store a
 * NUL at all (SQLite's `length()` stops at one). Descriptions keep tabs and line breaks.
 */
const NO_CONTROL = '^[^\\u0000-\\u001f\\u007f]*$';
const NO_CONTROL_BUT_LINES = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

/**
 * The editable fields of a monster: the JSON API's body, and what an admin
 * form must become once its text fields are read. Unknown
 * fields (id, image, created_at…) are rejected.
 */
export const MonsterFields = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: NO_CONTROL }),
    height: Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'centimetres' }),
    category: Type.String({ pattern: '^[a-z0-9-]+$', minLength: 1, maxLength: 50 }),
    description: Type.String({ maxLength: 5000, pattern: NO_CONTROL_BUT_LINES }),
    price_cents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'euro cents' }),
    stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type MonsterInput = Static<typeof MonsterFields>;

export const MonsterPatch = Type.Partial(MonsterFields, {
  additionalProperties: false,
  minProperties: 1,
});

export const MonsterIdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

/** The admin form as typed: every field text; `price` in euros (`12.50` or `12,50`); `image` a file. */
export interface MonsterForm {
  readonly name?: string;
  readonly height?: string;
  readonly category?: string;
  readonly description?: string;
  readonly price?: string;
  readonly stock?: string;
}

export const AdminListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
});
