import {
  countProducts,
  deleteOrArchiveProduct,
  restoreArchivedProduct,
  insertProduct,
  listCategories,
  listProductsAfter,
  listProductsAtOffset,
  listProductsByRelevanceAfter,
  RELEVANCE_TIERS,
  sortValueOf,
  type RelevanceTier,
  updateProduct,
  type ProductFields,
  type ProductFilter,
  type ProductKeyset,
} from '../db/products';
import type { CountPrecision, OffsetProductSort, Product, ProductConnection, ProductSort } from '../domain';
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
/**
 * A search's total is exact up to this many matches; beyond, it is this number, flagged AT_LEAST
 * (REST: `total_exact: false`), as search engines cap theirs: counting every match of a common
 * word reads every matching row. The catalog's own counts are always exact.
 */
export const SEARCH_COUNT_CAP = 1000;
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
  sort?: ProductSort | null;
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

  /** One COUNT, of at most SEARCH_COUNT_CAP + 1 matches, behind both the total and its precision. */
  function totals(filter: ProductFilter, reads: ReturnType<typeof readsFor>) {
    let counted: Promise<number> | undefined;
    const count = () => (counted ??= reads.count(() => read((db) => countProducts(db, filter, SEARCH_COUNT_CAP))));
    const capped = async () => filter.search !== undefined && (await count()) > SEARCH_COUNT_CAP;
    return {
      count: async () => ((await capped()) ? SEARCH_COUNT_CAP : count()),
      precision: async (): Promise<CountPrecision> => ((await capped()) ? 'AT_LEAST' : 'EXACT'),
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
      const sort = effectiveSort(args.sort ?? 'NEWEST', filter); // an explicit null means the default
      const reads = readsFor(filter);
      const total = totals(filter, reads);
      if (sort === 'RELEVANCE') {
        const after = args.after ? relevanceCursor(decodeCursor(args.after, keysetFor('RELEVANCE'))) : null;
        const rows = await reads.page(() => read((db) => listProductsByRelevanceAfter(db, filter, { after, limit: first + 1 })));
        const cursorOf = ({ product, tier }: { product: Product; tier: RelevanceTier }) =>
          encodeCursor({ sort, value: `${tier}:${product.createdAt.getTime()}`, id: product.id });
        const page = connectionFrom(rows, first, cursorOf, total.count);
        return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: node.product })), totalCountPrecision: total.precision };
      }
      const after = args.after ? decodeCursor(args.after, keysetFor(sort)) : null;
      const rows = await reads.page(() => read((db) => listProductsAfter(db, filter, sort, { after, limit: first + 1 })));
      const cursorOf = (product: Product) => encodeCursor({ sort, value: sortValueOf(product, sort), id: product.id });
      return { ...connectionFrom(rows, first, cursorOf, total.count), totalCountPrecision: total.precision };
    },

    /** Offset pagination, for the legacy REST API; `exact` is false when `total` is the search cap. */
    async page(args: ProductFilterArgs & { page: number; limit: number; sort?: OffsetProductSort }) {
      const filter = checkFilter(args);
      const rows = offsetPage(args);
      const reads = readsFor(filter);
      const total = totals(filter, reads);
      const order = effectiveSort(args.sort ?? 'NEWEST', filter);
      const [products, count, precision] = await Promise.all([
        reads.page(() => read((db) => listProductsAtOffset(db, filter, rows, order))),
        total.count(),
        total.precision(),
      ]);
      return { products, total: count, exact: precision === 'EXACT' };
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

    /** An archived product back in the catalog, as it was. */
    async restore(id: string): Promise<Product> {
      requireAdmin(viewer);
      const product = await restoreArchivedProduct(db, parseId(id));
      if (!product) throw notFound('Product');
      return product;
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

/** RELEVANCE without a search has one tier: it is NEWEST (and its cursors are NEWEST's). */
function effectiveSort<S extends ProductSort>(sort: S, filter: ProductFilter): S | 'NEWEST' {
  return sort === 'RELEVANCE' && !filter.search ? 'NEWEST' : sort;
}

/** A relevance cursor's value: the row's tier and its creation time (`name:1733450000000`). */
function relevanceCursor({ value, id }: ProductKeyset): { tier: RelevanceTier; keyset: ProductKeyset } {
  const [tier, time] = String(value).split(':');
  const createdAt = Number(time);
  if (!RELEVANCE_TIERS.includes(tier as RelevanceTier) || !Number.isSafeInteger(createdAt)) {
    throw badInput('after', 'after is not a cursor returned by this list (with the same sort)');
  }
  return { tier: tier as RelevanceTier, keyset: { value: createdAt, id } };
}

/** A cursor is only valid in the sort it was made for: it holds that sort's column value and the id. */
function keysetFor(sort: ProductSort) {
  const valueType = sort === 'NAME_ASC' || sort === 'RELEVANCE' ? 'string' : 'number';
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
