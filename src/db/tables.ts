import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of every table, mirroring the migrations (the source of truth,
 * docs/requirements.md §3). Timestamps travel as ISO-8601 strings on both engines.
 */
export type Timestamp = ColumnType<string, string | undefined, string>;

/** The largest id a row can have (PostgreSQL `integer`): schemas bound ids by it, so `1e400` is a 400. */
export const MAX_ROW_ID = 2_147_483_647;

export interface MonstersTable {
  id: Generated<number>;
  name: string;
  height: number;
  category: string;
  description: string;
  price_cents: number;
  stock: number;
  image: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The French description (migration 0008); empty: the English one stands in. */
  description_fr: ColumnType<string, string | undefined, string>;
}

/** A category's names in both languages (migration 0008); monsters name it by its slug. */
export interface CategoriesTable {
  slug: string;
  name_en: string;
  name_fr: string;
}

export type Role = 'customer' | 'admin';

export interface UsersTable {
  id: Generated<number>;
  /** Stored normalised (trimmed, lower-case): unique case-insensitively. */
  email: string;
  name: string;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  /** Bumped to invalidate every client-side (cookie) session of the user. */
  session_generation: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** Hex SHA-256 of the cookie token: the raw token is never stored. */
  id: string;
  user_id: number | null;
  data: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: string;
  user_agent: string | null;
}

export interface OrdersTable {
  id: Generated<number>;
  user_id: number;
  status: ColumnType<string, string | undefined, string>;
  /** `bigint` on PostgreSQL (migration 0007): a sum can pass 2^31 cents. */
  total_cents: number;
  created_at: Timestamp;
}

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: number;
  /** Null once the monster is deleted: the snapshot columns keep the order readable. */
  monster_id: number | null;
  name: string;
  unit_price_cents: number;
  quantity: number;
}

export interface ConsentsTable {
  id: Generated<number>;
  choices: string;
  policy_version: string;
  created_at: Timestamp;
  user_id: number | null;
}

/** One counter per e-mail, reset when its window has passed (docs/decisions/004). */
export interface SignInAttemptsTable {
  /** Normalised e-mail as typed: unknown addresses are throttled like real ones. */
  email: string;
  /** Attempts since `window_started_at`, counted before the password is checked. */
  attempts: number;
  window_started_at: string;
}

/** One per-IP counter of @fastify/rate-limit, shared by every process (docs/decisions/015). */
export interface RateLimitHitsTable {
  /** The limit's key: its purpose and the client address (`sign-in:203.0.113.7sign-in`). */
  key: string;
  /** Hits since the window began, this one included. */
  hits: number;
  window_ends_at: string;
}

/** When a periodic task last ran anywhere in the cluster (docs/decisions/015). */
export interface ClusterTasksTable {
  name: string;
  last_run_at: string;
}

/** A checkout made under an idempotency key (the checkout form's token or the API header). */
export interface CheckoutRequestsTable {
  user_id: number;
  idempotency_key: string;
  /** SHA-256 of the cart that was ordered: the same key with another cart is refused. */
  cart_hash: string;
  /** Set in the transaction that claims the key: never null once committed. */
  order_id: number | null;
  created_at: Timestamp;
}

export interface MonsterViewsTable {
  monster_id: number;
  /** The random id of the statistics cookie: never linked to an account. */
  visitor_id: string;
  /** YYYY-MM-DD: one view per visitor per day. */
  day: string;
}

/** Kept by triggers (migration 0011): the "most viewed" ranking without grouping views. */
export interface MonsterViewCountsTable {
  monster_id: number;
  views: number;
}

/** Kept by triggers (migration 0002): the list totals without counting rows. */
export interface MonsterCategoryCountsTable {
  category: string;
  count: number;
}

export interface Database {
  monsters: MonstersTable;
  users: UsersTable;
  sessions: SessionsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  consents: ConsentsTable;
  sign_in_attempts: SignInAttemptsTable;
  monster_views: MonsterViewsTable;
  monster_view_counts: MonsterViewCountsTable;
  checkout_requests: CheckoutRequestsTable;
  monster_category_counts: MonsterCategoryCountsTable;
  rate_limit_hits: RateLimitHitsTable;
  cluster_tasks: ClusterTasksTable;
  categories: CategoriesTable;
}

export type MonsterRow = Selectable<MonstersTable>;
export type NewMonsterRow = Insertable<MonstersTable>;
export type MonsterRowUpdate = Updateable<MonstersTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderItemRow = Selectable<OrderItemsTable>;
export type CheckoutRequestRow = Selectable<CheckoutRequestsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
