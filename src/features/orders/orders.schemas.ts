import { Type } from 'typebox';
import { RowId } from '../../shared/schemas.js';

/** Orders on one page of the account's order history. */
export const ORDERS_PER_PAGE = 20;

export const OrderIdParams = Type.Object({ id: RowId });

/** The longest idempotency key: the checkout form's token or the API's `Idempotency-Key`. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Printable ASCII without space, quote or backslash. */
const KEY = `[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,${MAX_IDEMPOTENCY_KEY_LENGTH}}`;

/** The checkout form (read by readForm): its one-time token is the order's idempotency key. */
export const CheckoutForm = Type.Object({
  checkout_token: Type.Optional(Type.String({ pattern: `^${KEY}$` })),
});

/**
 * A checkout orders the session's cart: its body, when one is sent, names
 * nothing (an empty JSON body reads as null).
 */
export const CheckoutJson = Type.Object(
  {},
  {
    additionalProperties: false,
    nullable: true,
    description: 'no field: the cart is ordered',
    examples: [{}],
  },
);

export const CheckoutHeaders = Type.Object({
  'Idempotency-Key': Type.Optional(
    Type.String({
      // The key as the form sends it, or its RFC 8941 form (a quoted string).
      pattern: `^(?:${KEY}|"${KEY}")$`,
      examples: ['9b2f6c1e-3d4a-4f7b-8e5c-0a1d2b3c4d5e'],
      description: `A unique key per purchase (a UUID, say; 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters). Retrying with the same key returns the same order (201, with \`Idempotent-Replayed: true\`) and never orders twice; the same key with a different cart is refused with 422. Keys are scoped to the user and kept with the order.`,
    }),
  ),
});

/** An order of two Cthulhus: the docs' example. */
const ORDER_SUMMARY_EXAMPLE = {
  id: 42,
  status: 'placed',
  total_cents: 9400,
  created_at: '2025-10-31T18:30:00.000Z',
};
const ORDER_EXAMPLE = {
  ...ORDER_SUMMARY_EXAMPLE,
  items: [
    { monster_id: 1, name: 'Cthulhu', unit_price_cents: 4700, quantity: 2, line_total_cents: 9400 },
  ],
};

const OrderItemJson = Type.Object(
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
  { additionalProperties: false, examples: [ORDER_EXAMPLE] },
);

export const OrderSummaryJson = Type.Object(
  {
    id: Type.Integer(),
    status: Type.String(),
    total_cents: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, examples: [ORDER_SUMMARY_EXAMPLE] },
);

/** `GET /api/orders`: newest first. */
export const OrderListJson = Type.Array(OrderSummaryJson, { examples: [[ORDER_SUMMARY_EXAMPLE]] });
