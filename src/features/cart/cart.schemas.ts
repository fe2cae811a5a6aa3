import { Type } from 'typebox';
import { MAX_ROW_ID } from '../../db/tables.js';
import { MAX_QUANTITY_PER_LINE } from './cart.service.js';

const optionalText = Type.Optional(Type.String({ maxLength: 2048 }));

/**
 * HTML forms are read leniently and checked by the route, so a refusal
 * re-shows the cart with a clear, translated message instead of a bare 400.
 */
export const AddItemForm = Type.Object({
  monster_id: optionalText,
  quantity: optionalText,
  next: optionalText,
});
export const SetQuantityForm = Type.Object({ quantity: optionalText });
export const MonsterIdText = Type.Object({ monster_id: Type.String({ maxLength: 20 }) });

/** The JSON API is strict: integers, bounds, no unknown field. */
export const MonsterIdParams = Type.Object({
  monster_id: Type.Integer({ minimum: 1, maximum: MAX_ROW_ID }),
});

export const AddItemJson = Type.Object(
  {
    monster_id: Type.Integer({ minimum: 1, maximum: MAX_ROW_ID }),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY_PER_LINE }),
  },
  { additionalProperties: false },
);

export const SetQuantityJson = Type.Object(
  { quantity: Type.Integer({ minimum: 0, maximum: MAX_QUANTITY_PER_LINE }) },
  { additionalProperties: false },
);

export const CartLineJson = Type.Object(
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
  { additionalProperties: false },
);

export const CartJson = Type.Object(
  {
    items: Type.Array(CartLineJson),
    count: Type.Integer(),
    total_cents: Type.Integer(),
  },
  { additionalProperties: false },
);
