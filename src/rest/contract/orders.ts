// The orders endpoints: what they read and answer, and the operations built from them.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ORDER_STATUSES } from '../../domain';
import type { OrderLineArgs } from '../../services/orderPlacing';
import { MAX_LINES, MAX_QUANTITY } from '../../services/orderPlacing';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../services/orders';
import { ALWAYS, error, errorWithCode, JSON_BODY_ERRORS } from './errors';
import { id, jsonBody, timestamp } from './fields';
import { PageQuery, Pagination } from './paging';
import { BEARER, IdParams, json } from './routes';
import { z } from './zod';

export const OrderStatus = z
  .enum(ORDER_STATUSES, {
    error: (issue) =>
      issue.input == null
        ? 'status is required'
        : typeof issue.input === 'string'
          ? `status must be one of ${ORDER_STATUSES.join(', ')}`
          : 'status must be a string',
  })
  .openapi('OrderStatus');

/**
 * One line of an order. A product_id given as a string ("3") is still read, as the old API did;
 * the service checks it is a positive integer id and the quantity's range.
 */
const OrderLine = z
  .object(
    {
      product_id: z
        .custom<number | string>((value) => typeof value === 'number' || typeof value === 'string', {
          error: 'Each item needs a product_id',
        })
        .openapi({ type: 'integer', minimum: 1 }),
      quantity: z
        .number({ error: 'Each item needs a numeric quantity' })
        .openapi({ type: 'integer', minimum: 1, maximum: MAX_QUANTITY }),
    },
    { error: 'Each item must be an object like {"product_id": 1, "quantity": 2}' },
  )
  .transform((line): OrderLineArgs => ({ productId: String(line.product_id), quantity: line.quantity }));

export const OrderCreate = jsonBody({
  items: z
    .array(OrderLine, { error: 'items must be a list of {"product_id", "quantity"}' })
    .openapi({ minItems: 1, maxItems: MAX_LINES, description: 'Lines for the same product are merged' }),
}).openapi('OrderCreate');

export const OrderStatusUpdate = jsonBody({ status: OrderStatus }).openapi('OrderStatusUpdate');

export const IdempotencyKey = z
  .string()
  .min(1)
  .max(MAX_IDEMPOTENCY_KEY_LENGTH)
  .optional()
  .openapi('IdempotencyKey', {
    param: {
      name: 'Idempotency-Key',
      in: 'header',
      description:
        'Makes retries safe: the same key with the same body returns the order first placed with it, ' +
        'without placing another; the same key with another body is 409 CONFLICT.',
    },
  });

const OrderItemBody = z
  .strictObject({
    id,
    product_id: id,
    product_name: z.string().openapi({ description: 'The product’s name when the order was placed' }),
    quantity: z.int().min(1),
    price: z.number().openapi({ description: 'The unit price when the order was placed' }),
    line_total: z.number().openapi({ description: 'price × quantity' }),
  })
  .openapi('OrderItem');

export const OrderBody = z
  .strictObject({
    id,
    user_id: id,
    status: OrderStatus,
    total_amount: z.number().min(0).openapi({ examples: [39.98] }),
    items: z.array(OrderItemBody),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Order');

export const OrderList = z.strictObject({ orders: z.array(OrderBody), pagination: Pagination }).openapi('OrderList');

const order = (description: string) => ({ description, content: json(OrderBody) });

export const orderPaths: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/orders',
    operationId: 'listOrders',
    summary: 'List orders, newest first: the caller’s own, or everyone’s for an admin',
    tags: ['Orders'],
    security: BEARER,
    request: { query: PageQuery },
    responses: {
      '200': { description: 'One page of orders', content: json(OrderList) },
      '401': error('Unauthenticated'),
      '422': error('InvalidInput', 'A bad page or limit'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/orders',
    operationId: 'placeOrder',
    summary: 'Place an order',
    description:
      'One transaction: stock is checked and decremented for every line or for none, unit prices are ' +
      'snapshotted and the total is computed on the server.',
    tags: ['Orders'],
    security: BEARER,
    request: {
      headers: z.object({ 'Idempotency-Key': IdempotencyKey }),
      body: { required: true, content: json(OrderCreate) },
    },
    responses: {
      '201': {
        ...order('The order placed, or, for a replayed Idempotency-Key, the order first placed with it'),
        headers: z.object({
          Location: z.string().openapi({ description: 'The order’s URL' }),
          'Idempotent-Replayed': z.literal('true').optional().openapi({
            description: 'Present, as `true`, when the response replays an earlier request with the same key',
          }),
        }),
      },
      ...JSON_BODY_ERRORS,
      '401': error('Unauthenticated'),
      '404': error('NotFound', 'A product is unknown or archived (`product_id` names it)'),
      '409': errorWithCode(
        'INSUFFICIENT_STOCK: a line asks for more than is in stock (`product_id`, `available`); ' +
          'CONFLICT: the Idempotency-Key was used with another body, or the caller’s unpaid orders would hold more than ' +
          'MAX_UNPAID_UNITS_PER_USER units (`limit`, `held`, `requested`)',
        ['INSUFFICIENT_STOCK', 'CONFLICT'],
      ),
      '422': error(
        'InvalidInput',
        `No items, or a bad product_id, quantity (1–${MAX_QUANTITY} per product, lines of one product added up) or Idempotency-Key`,
      ),
      ...ALWAYS,
    },
  },
  {
    method: 'get',
    path: '/api/orders/{id}',
    operationId: 'getOrder',
    summary: 'One order (its owner’s or an admin’s)',
    tags: ['Orders'],
    security: BEARER,
    request: { params: IdParams },
    responses: {
      '200': order('The order'),
      '401': error('Unauthenticated'),
      '404': error('NotFound', 'No order has this id, or it is someone else’s'),
      '422': error('InvalidInput', 'The id is not a positive integer'),
      ...ALWAYS,
    },
  },
  {
    method: 'patch',
    path: '/api/orders/{id}',
    operationId: 'updateOrderStatus',
    summary: 'Move an order to another status (admin)',
    description: 'Only pending → paid → shipped → delivered, and → cancelled from pending or paid.',
    tags: ['Orders'],
    security: BEARER,
    request: { params: IdParams, body: { required: true, content: json(OrderStatusUpdate) } },
    responses: {
      '200': order('The order with its new status'),
      ...JSON_BODY_ERRORS,
      '401': error('Unauthenticated'),
      '403': error('Forbidden'),
      '404': error('NotFound', 'No order has this id'),
      '409': errorWithCode('The order cannot move to this status from its current one', ['INVALID_TRANSITION']),
      '422': error('InvalidInput', 'The id is not a positive integer, or the status is not one of the enum'),
      ...ALWAYS,
    },
  },
  {
    method: 'post',
    path: '/api/orders/{id}/cancel',
    operationId: 'cancelOrder',
    summary: 'Cancel an order and restock its items',
    description: 'Its owner while it is pending; an admin while it is pending or paid.',
    tags: ['Orders'],
    security: BEARER,
    request: { params: IdParams },
    responses: {
      '200': order('The cancelled order'),
      '401': error('Unauthenticated'),
      '404': error('NotFound', 'No order has this id, or it is someone else’s'),
      '409': errorWithCode('The order can no longer be cancelled by this caller', ['INVALID_TRANSITION']),
      '422': error('InvalidInput', 'The id is not a positive integer'),
      ...ALWAYS,
    },
  },
];
