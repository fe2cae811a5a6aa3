import { Type } from 'typebox';
import { MAX_ROW_ID } from '../../db/tables.js';

export const OrderIdText = Type.Object({ id: Type.String({ maxLength: 20 }) });
export const OrderIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ROW_ID }) });

export const OrderItemJson = Type.Object(
  {
    monster_id: Type.Union([Type.Integer(), Type.Null()], {
      description: 'null once the monster is deleted',
    }),
    name: Type.String({ description: 'snapshot at checkout' }),
    unit_price_cents: Type.Integer({ description: 'snapshot at checkout' }),
    quantity: Type.Integer(),
    line_total_cents: Type.Integer(),
  },
  { additionalProperties: false },
);

export const OrderJson = Type.Object(
  {
    id: Type.Integer(),
    status: Type.String(),
    total_cents: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    items: Type.Array(OrderItemJson),
  },
  { additionalProperties: false },
);

export const OrderSummaryJson = Type.Object(
  {
    id: Type.Integer(),
    status: Type.String(),
    total_cents: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
