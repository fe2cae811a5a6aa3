import { Type } from 'typebox';
import { NextPath, RowId } from '../../shared/schemas.js';
import { monsterPath } from '../../shared/site-paths.js';

/** A sane ceiling per line, whatever the stock. */
export const MAX_QUANTITY_PER_LINE = 99;
/** The least a line holds, and so the least an "add" adds. */
export const MIN_QUANTITY_PER_LINE = 1;
/** The least a line's quantity can be set to: 0 removes the line. */
export const MIN_NEW_QUANTITY = 0;

/**
 * A sane ceiling on the lines of a cart, above what a cookie-stored session
 * can hold: with the per-line ceiling and the highest price the admin
 * accepts, no order total can pass 5 × 10^12 cents (a safe integer, and
 * `bigint` on PostgreSQL), and a database-stored session stays small.
 */
export const MAX_CART_LINES = 500;

const QUANTITY_BOUNDS = { minimum: MIN_QUANTITY_PER_LINE, maximum: MAX_QUANTITY_PER_LINE } as const;
const Quantity = Type.Integer(QUANTITY_BOUNDS);
const NewQuantity = Type.Integer({ minimum: MIN_NEW_QUANTITY, maximum: MAX_QUANTITY_PER_LINE });

export const MonsterIdParams = Type.Object({ monster_id: RowId });

/** The forms (read by readForm): the API's fields, text coerced. */
export const AddItemForm = Type.Object({
  monster_id: RowId,
  /** An "add" button without a quantity field adds one. */
  quantity: Type.Optional(Type.Integer({ ...QUANTITY_BOUNDS, default: 1 })),
  next: Type.Optional(NextPath),
  /** The page the form is on: a refusal is carried back there (checked by safeNextPath). */
  back: Type.Optional(NextPath),
});
export const SetQuantityForm = Type.Object({ quantity: NewQuantity });

/** The JSON API: exact types, no unknown field. */
export const AddItemJson = Type.Object(
  { monster_id: RowId, quantity: Quantity },
  { additionalProperties: false, examples: [{ monster_id: 1, quantity: 2 }] },
);

export const SetQuantityJson = Type.Object(
  { quantity: NewQuantity },
  { additionalProperties: false, examples: [{ quantity: 3 }] },
);

/** Two Cthulhus in a cart: the docs' example. */
const CART_LINE_EXAMPLE = {
  monster_id: 1,
  name: 'Cthulhu',
  url: monsterPath({ id: 1, category: 'cosmic' }),
  image: '/static/img/monsters/cthulhu.svg',
  unit_price_cents: 4700,
  quantity: 2,
  line_total_cents: 9400,
  stock: 12,
};

const CartLineJson = Type.Object(
  {
    monster_id: Type.Integer(),
    name: Type.String(),
    url: Type.String(),
    image: Type.Union([Type.String(), Type.Null()]),
    unit_price_cents: Type.Integer(),
    quantity: Type.Integer(),
    line_total_cents: Type.Integer(),
    stock: Type.Integer(),
  },
  { additionalProperties: false, examples: [CART_LINE_EXAMPLE] },
);

export const CartJson = Type.Object(
  {
    items: Type.Array(CartLineJson),
    count: Type.Integer(),
    total_cents: Type.Integer(),
  },
  {
    additionalProperties: false,
    examples: [{ items: [CART_LINE_EXAMPLE], count: 2, total_cents: 9400 }],
  },
);
