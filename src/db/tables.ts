// Rows as the database returns them: snake_case, money in integer cents, timestamps as
// Date (mysql2) or epoch milliseconds (better-sqlite3). Only src/db/ sees these.

type Timestamp = Date | number | string;

export interface UserRow {
  id: number;
  email: string;
  password: string;
  role: 'user' | 'admin';
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
  created_at: Timestamp;
  updated_at: Timestamp;
}
