// The objects services hand to resolvers and routes. Money is always integer cents.

export type Role = 'user' | 'admin';

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

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

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
