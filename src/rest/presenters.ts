// The legacy REST shapes (snake_case, prices as JSON numbers), fixed by the old FastAPI clients.
import type { Product, User } from '../domain';
import { moneyAsNumber } from '../money';

export function presentUser(user: User) {
  return { id: user.id, email: user.email, role: user.role };
}

export function presentProduct(product: Product) {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: moneyAsNumber(product.priceCents),
    stock: product.stock,
    category: product.category,
    created_at: product.createdAt.toISOString(),
    updated_at: product.updatedAt.toISOString(),
  };
}

export function presentPagination(page: number, limit: number, total: number) {
  return { page, limit, total, pages: Math.ceil(total / limit) };
}
