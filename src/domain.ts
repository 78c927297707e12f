// The objects services hand to resolvers and routes. Money is always integer cents.

/** Every role, in the database's spelling; GraphQL's enum is each upper-cased (schema.graphql). */
export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  email: string;
  role: Role;
  /**
   * Internal, never in a response: tokens carry the version they were signed with, and one
   * older than this is refused (logout, password and role changes raise it).
   */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A user together with the bcrypt hash of their password; never leaves the services. */
export interface UserWithPassword extends User {
  passwordHash: string;
}

export interface Product {
  id: number;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  category: string;
  /** Deleted by an admin while orders still reference it: hidden from the catalog, kept for history. */
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Every order status, in the database's spelling and in the order of an order's life; GraphQL's
 * enum is each upper-cased (schema.graphql), REST and the OpenAPI document use these. The orders
 * migration spells them out in its CHECK constraint on purpose: a migration is history, so a new
 * status is a new migration, not an edit of this list alone.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** GraphQL's enum value → the value used everywhere else (`PENDING` → `pending`). */
export function upperCaseKeys<const T extends string>(values: readonly T[]): { [K in T as Uppercase<K>]: K } {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as { [K in T as Uppercase<K>]: K };
}

export interface Order {
  id: number;
  userId: number;
  status: OrderStatus;
  totalCents: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A line of an order, with the product's name and price as they were when it was placed. */
export interface OrderItem {
  id: number;
  orderId: number;
  productId: number;
  productName: string;
  quantity: number;
  unitPriceCents: number;
}

export interface AuthResult {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay-style page. `totalCount` is a function so the COUNT runs only when a client asks. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

export type ProductEdge = Edge<Product>;
export type OrderEdge = Edge<Order>;
export type OrderConnection = Connection<Order>;
export type UserEdge = Edge<User>;
export type ProductConnection = Connection<Product>;
export type UserConnection = Connection<User>;

/** How often each instance checks each read replica's health and lag. */
export const REPLICA_CHECK_INTERVAL_MS = 250;

/** What a replica can be, as /api/ready reports it; only `healthy` serves reads. */
export const REPLICA_STATES = ['starting', 'healthy', 'lagging', 'not replicating', 'unreachable'] as const;
export type ReplicaState = (typeof REPLICA_STATES)[number];

/** What /api/ready says of a replica. */
export interface ReplicaReport {
  address: string;
  state: ReplicaState;
  /** Seconds_Behind_Master at the last check; null when unknown. */
  lagSeconds: number | null;
}
