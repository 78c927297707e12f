import {
  countProducts,
  deleteOrArchiveProduct,
  insertProduct,
  listCategories,
  listProductsAfter,
  listProductsAtOffset,
  sortValueOf,
  updateProduct,
  type ProductFields,
  type ProductFilter,
  type ProductKeyset,
  type ProductSortKey,
} from '../db/products';
import type { Product, ProductConnection } from '../domain';
import { searchPlanOf } from '../searchTerms';
import { badInput, notFound } from '../errors';
import { integerInRange, parseId, text } from '../validation';
import { checkFirst, connectionFrom, decodeCursor, encodeCursor, offsetPage } from './pagination';
import { requireAdmin, type RequestScope } from './scope';

export const MAX_PRICE_CENTS = 100_000_000; // 1,000,000.00
export const MAX_STOCK = 1_000_000_000;
/** Characters, after trimming, of a product's texts. */
export const PRODUCT_TEXT_LENGTHS = {
  name: { min: 1, max: 200 },
  description: { min: 0, max: 5000 },
  category: { min: 1, max: 100 },
} as const;
export const MAX_SEARCH_LENGTH = 200;
/** What a new product must be given, by its field in the input → its name in messages. */
export const REQUIRED_PRODUCT_FIELDS = { name: 'name', priceCents: 'price', stock: 'stock', category: 'category' } as const;

export interface ProductFilterArgs {
  search?: string | null;
  category?: string | null;
  minPriceCents?: number | null;
  maxPriceCents?: number | null;
  inStock?: boolean | null;
}

export interface ProductListArgs extends ProductFilterArgs {
  first: number;
  after?: string | null;
  sort?: ProductSortKey | null;
}

/** Fields as a client sends them; null and undefined both mean "not given". */
export interface ProductFieldsInput {
  name?: string | null;
  description?: string | null;
  priceCents?: number | null;
  stock?: number | null;
  category?: string | null;
}

export function createProductService({ db, read, loaders, viewer, expensiveReads, catalog }: RequestScope) {
  /**
   * A search's page when it scans, and any count over a search, go through the expensive-read
   * gate; the cost model charges the same reads (src/graphql/queryCost.ts).
   */
  function readsFor(filter: ProductFilter) {
    const plan = searchPlanOf(filter.search);
    const gated = <T>(expensive: boolean, run: () => Promise<T>) => (expensive ? expensiveReads.run(run) : run());
    return {
      page: <T>(run: () => Promise<T>) => gated(plan === 'scan', run),
      count: <T>(run: () => Promise<T>) => gated(plan !== 'none', run),
    };
  }

  async function getOrFail(id: number): Promise<Product> {
    const product = await loaders.productById.load(id);
    if (!product || product.archived) throw notFound('Product');
    return product;
  }

  return {
    /** A product of the catalog; archived products are gone from it (orders still show them). */
    async get(id: string): Promise<Product | null> {
      const product = await loaders.productById.load(parseId(id));
      return product && !product.archived ? product : null;
    },

    async list(args: ProductListArgs): Promise<ProductConnection> {
      const first = checkFirst(args.first);
      const filter = checkFilter(args);
      const sort = args.sort ?? 'NEWEST'; // an explicit null means the default
      const after = args.after ? decodeCursor(args.after, keysetFor(sort)) : null;
      const reads = readsFor(filter);
      const rows = await reads.page(() => read((db) => listProductsAfter(db, filter, sort, { after, limit: first + 1 })));
      const cursorOf = (product: Product) => encodeCursor({ sort, value: sortValueOf(product, sort), id: product.id });
      return connectionFrom(rows, first, cursorOf, () => reads.count(() => read((db) => countProducts(db, filter))));
    },

    /** Offset pagination, for the legacy REST API. */
    async page(args: ProductFilterArgs & { page: number; limit: number }) {
      const filter = checkFilter(args);
      const rows = offsetPage(args);
      const reads = readsFor(filter);
      const [products, total] = await Promise.all([
        reads.page(() => read((db) => listProductsAtOffset(db, filter, rows))),
        reads.count(() => read((db) => countProducts(db, filter))),
      ]);
      return { products, total };
    },

    categories(): Promise<string[]> {
      return read(listCategories);
    },

    async create(input: ProductFieldsInput): Promise<Product> {
      requireAdmin(viewer);
      const fields = checkFields(input);
      const required = REQUIRED_PRODUCT_FIELDS;
      const missing = (Object.keys(required) as (keyof typeof required)[]).find((key) => fields[key] === undefined);
      if (missing) throw badInput(required[missing], `${required[missing]} is required`);
      const product = await insertProduct(db, { description: '', ...fields } as ProductFields);
      await catalog.bump();
      return product;
    },

    async update(id: string, input: ProductFieldsInput): Promise<Product> {
      requireAdmin(viewer);
      const productId = parseId(id);
      const fields = checkFields(input);
      if (Object.keys(fields).length === 0) return getOrFail(productId);
      const product = await updateProduct(db, productId, fields);
      if (!product) throw notFound('Product');
      await catalog.bump();
      return product;
    },

    /** Deletes the product, or archives it when orders reference it. */
    async remove(id: string): Promise<true> {
      requireAdmin(viewer);
      if (!(await deleteOrArchiveProduct(db, parseId(id)))) throw notFound('Product');
      await catalog.bump();
      return true;
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;

function checkFilter(args: ProductFilterArgs): ProductFilter {
  const filter: ProductFilter = {};
  const search = args.search?.trim();
  if (search) filter.search = text(search, 'search', 1, MAX_SEARCH_LENGTH);
  const category = args.category?.trim();
  if (category) filter.category = category;
  if (args.minPriceCents != null) filter.minPriceCents = nonNegative(args.minPriceCents, 'minPrice');
  if (args.maxPriceCents != null) filter.maxPriceCents = nonNegative(args.maxPriceCents, 'maxPrice');
  if (filter.minPriceCents !== undefined && filter.maxPriceCents !== undefined) {
    if (filter.minPriceCents > filter.maxPriceCents) throw badInput('minPrice', 'minPrice must not exceed maxPrice');
  }
  if (args.inStock != null) filter.inStock = args.inStock;
  return filter;
}

function nonNegative(cents: number, field: string): number {
  if (cents < 0) throw badInput(field, `${field} must not be negative`);
  return cents;
}

function checkFields(input: ProductFieldsInput): Partial<ProductFields> {
  const fields: Partial<ProductFields> = {};
  const { name, description, category } = PRODUCT_TEXT_LENGTHS;
  if (input.name != null) fields.name = text(input.name, 'name', name.min, name.max);
  if (input.description != null) fields.description = text(input.description, 'description', description.min, description.max);
  if (input.priceCents != null) {
    if (input.priceCents < 0 || input.priceCents > MAX_PRICE_CENTS) {
      throw badInput('price', 'price must be from 0 to 1000000.00');
    }
    fields.priceCents = input.priceCents;
  }
  if (input.stock != null) fields.stock = integerInRange(input.stock, 'stock', 0, MAX_STOCK);
  if (input.category != null) fields.category = text(input.category, 'category', category.min, category.max);
  return fields;
}

/** A cursor is only valid in the sort it was made for: it holds that sort's column value and the id. */
function keysetFor(sort: ProductSortKey) {
  const valueType = sort === 'NAME_ASC' ? 'string' : 'number';
  return (payload: unknown): payload is ProductKeyset => {
    const cursor = (payload ?? {}) as Partial<ProductKeyset & { sort: string }>;
    return (
      cursor.sort === sort &&
      typeof cursor.value === valueType &&
      (typeof cursor.value !== 'number' || Number.isFinite(cursor.value)) &&
      Number.isInteger(cursor.id)
    );
  };
}
