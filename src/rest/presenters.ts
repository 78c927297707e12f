// The legacy REST shapes (snake_case, prices as JSON numbers), fixed by the old FastAPI clients.
// Each is typed by its schema in contract/, the one the OpenAPI document shows.
import type { z } from 'zod';
import type { Order, OrderItem, Product, User } from '../domain';
import { moneyAsNumber } from '../money';
import type { UserBody } from './contract/auth';
import type { OrderBody } from './contract/orders';
import type { Pagination } from './contract/paging';
import type { ProductBody } from './contract/products';

export function presentUser(user: User): z.input<typeof UserBody> {
  return { id: user.id, email: user.email, role: user.role };
}

export function presentProduct(product: Product): z.input<typeof ProductBody> {
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

export function presentPagination(page: number, limit: number, total: number): z.input<typeof Pagination> {
  return { page, limit, total, pages: Math.ceil(total / limit) };
}

export function presentOrder(order: Order, items: OrderItem[]): z.input<typeof OrderBody> {
  return {
    id: order.id,
    user_id: order.userId,
    status: order.status,
    total_amount: moneyAsNumber(order.totalCents),
    items: items.map((item) => ({
      id: item.id,
      product_id: item.productId,
      product_name: item.productName,
      quantity: item.quantity,
      price: moneyAsNumber(item.unitPriceCents),
      line_total: moneyAsNumber(item.unitPriceCents * item.quantity),
    })),
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
  };
}
