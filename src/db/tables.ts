// Rows as the database returns them: snake_case, money in integer cents, timestamps as
// Date (mysql2) or epoch milliseconds (better-sqlite3). Only src/db/ sees these.

import type { OrderStatus, Role } from '../domain';

type Timestamp = Date | number | string;

export interface UserRow {
  id: number;
  email: string;
  password: string;
  role: Role;
  token_version: number;
  order_placements: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductRow {
  id: number;
  name: string;
  description: string;
  price: number;
  stock: number;
  category: string;
  archived: boolean | number; // SQLite and MySQL both return 0/1
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderRow {
  id: number;
  user_id: number;
  total_amount: number | string; // BIGINT: mysql2 may return a string
  status: OrderStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderItemRow {
  id: number;
  order_id: number;
  product_id: number;
  product_name: string;
  quantity: number;
  price: number;
}

export interface IdempotencyKeyRow {
  id: number;
  user_id: number;
  idempotency_key: string;
  request_hash: string;
  order_id: number | null;
  created_at: Timestamp;
}
