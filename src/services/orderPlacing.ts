// Placing an order: the lines' rules, and the one transaction that takes their stock.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { attachOrderToIdempotencyKey, claimIdempotencyKey, insertOrder, insertOrderItems, unpaidUnitsOfUser } from '../db/orders';
import { findCurrentProduct, findProductsByIds, takeStock } from '../db/products';
import { transactionWithRetry } from '../db/transactions';
import { lockUser } from '../db/users';
import type { Order, OrderItem } from '../domain';
import { AppError, badInput } from '../errors';
import { integerInRange, parseId } from '../validation';

export const MAX_LINES = 100;
/** Units of one product in one order, after lines of the same product are merged. */
export const MAX_QUANTITY = 1000;

export interface OrderLineArgs {
  productId: string;
  quantity: number;
}

export interface OrderLine {
  productId: number;
  quantity: number;
}

type NewItem = Omit<OrderItem, 'id' | 'orderId'>;

/**
 * Validates the lines and merges those for the same product, then checks each product's merged
 * quantity (100 lines of 1,000 would otherwise become one of 100,000); sorted by product id.
 */
export function checkLines(items: OrderLineArgs[]): OrderLine[] {
  if (items.length === 0) throw badInput('items', 'An order needs at least one item');
  if (items.length > MAX_LINES) throw badInput('items', `An order can have at most ${MAX_LINES} lines`);
  const quantities = new Map<number, number>();
  for (const item of items) {
    const productId = parseId(item.productId, 'productId');
    const quantity = integerInRange(item.quantity, 'quantity', 1, MAX_QUANTITY);
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  }
  for (const [productId, quantity] of quantities) {
    if (quantity > MAX_QUANTITY) {
      throw badInput(
        'quantity',
        `An order can hold at most ${MAX_QUANTITY} units of one product; the lines for product ${productId} add up to ${quantity}`,
      );
    }
  }
  return [...quantities]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => a.productId - b.productId);
}

/** A product's price changed between the attempt's read and its stock UPDATE: the attempt runs again. */
class PriceChanged extends AppError {
  constructor(product: { id: number; name: string }) {
    super('CONFLICT', `The price of "${product.name}" changed while the order was being placed; try again`, {
      productId: product.id,
    });
  }
}

export interface PlaceOrderInput {
  userId: number;
  lines: OrderLine[];
  key: string | null;
  requestHash: string;
  /** MAX_UNPAID_UNITS_PER_USER */
  maxUnpaidUnits: number;
}

/**
 * One transaction: the user's row is locked first (one placement per user at a time, so the
 * unpaid-units bound holds under parallel orders), names and prices are read in each attempt
 * (a deadlock retry reads them again), the order row is written, then each line's stock is
 * taken only at the price read. A popular product's row stays locked from its stock UPDATE to
 * COMMIT, two statements; a price edited between the read and the UPDATE fails the UPDATE's
 * guard, and the attempt runs again with the new price.
 */
export async function placeOrderTransaction(db: Knex, logger: Logger, input: PlaceOrderInput): Promise<Order> {
  const { userId, lines, key, requestHash } = input;
  return transactionWithRetry(
    db,
    async (trx) => {
      await lockUser(trx, userId);
      if (key) await claimIdempotencyKey(trx, userId, key, requestHash);
      await checkUnpaidUnits(trx, userId, lines, input.maxUnpaidUnits);
      const catalog = new Map((await findProductsByIds(trx, lines.map((line) => line.productId))).map((p) => [p.id, p]));
      const items: NewItem[] = lines.map(({ productId, quantity }) => {
        const product = catalog.get(productId);
        if (!product || product.archived) throw productNotFound(productId);
        return { productId, quantity, productName: product.name, unitPriceCents: product.priceCents };
      });
      const totalCents = items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
      const placed = await insertOrder(trx, { userId, totalCents });
      // Lines are sorted by product id, so concurrent orders lock rows in one order.
      for (const item of items) {
        if (!(await takeStock(trx, item.productId, item.quantity, item.unitPriceCents))) throw await whyNotTaken(trx, item);
      }
      await insertOrderItems(trx, placed.id, items);
      if (key) await attachOrderToIdempotencyKey(trx, userId, key, placed.id);
      return placed;
    },
    {
      retryIf: (error) => error instanceof PriceChanged,
      onRetry: (error, attempt) => logger.warn({ err: error, attempt }, 'retrying placeOrder'),
    },
  );
}

/**
 * Read under the user's lock: no other placement of this user can add units until COMMIT (on
 * MySQL this is the transaction's first plain read, so its snapshot starts after the lock).
 */
async function checkUnpaidUnits(trx: Knex.Transaction, userId: number, lines: OrderLine[], limit: number): Promise<void> {
  const requested = lines.reduce((sum, line) => sum + line.quantity, 0);
  const held = await unpaidUnitsOfUser(trx, userId);
  if (held + requested <= limit) return;
  throw new AppError(
    'CONFLICT',
    `Unpaid orders can hold at most ${limit} units together; yours hold ${held} and this order adds ${requested}. ` +
      'Cancel an unpaid order or wait until one is paid.',
    { limit, held, requested },
  );
}

function productNotFound(productId: number): AppError {
  return new AppError('NOT_FOUND', `Product ${productId} not found`, { productId });
}

/** Why a line's stock UPDATE matched no row, from the product as last committed. */
async function whyNotTaken(trx: Knex.Transaction, item: NewItem): Promise<AppError> {
  const product = await findCurrentProduct(trx, item.productId);
  if (!product || product.archived) return productNotFound(item.productId);
  if (product.stock < item.quantity) {
    return new AppError(
      'INSUFFICIENT_STOCK',
      `Only ${product.stock} of "${product.name}" left in stock (${item.quantity} requested)`,
      { productId: product.id, available: product.stock, requested: item.quantity },
    );
  }
  return new PriceChanged(product);
}
