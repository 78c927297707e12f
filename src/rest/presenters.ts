// The legacy REST shapes (snake_case, prices as JSON numbers), fixed by the old FastAPI clients.
import type { Order, OrderItem, Product, User } from '../domain';
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

export function presentOrder(order: Order, items: OrderItem[]) {
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
