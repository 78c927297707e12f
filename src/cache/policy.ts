// The one place that decides how long a response may be kept, by whom. REST routes and the
// GraphQL plugin both ask it; the response cache (src/cache/responseCache.ts) and any CDN in
// front obey the Cache-Control it writes.
import { getNamedType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Seconds a public answer stays fresh, and the extra seconds a shared cache may serve it stale
 * while it fetches a new one. The sums are the documented bounds: a price change reaches every
 * anonymous reader within CATALOG (max-age + stale) = 60 s, a stock change within STOCK = 10 s.
 * Admin writes also empty the Redis layer at once (catalog version); only CDN copies age.
 */
export const CACHE_BOUNDS = {
  catalog: { maxAge: 45, stale: 15 },
  stock: { maxAge: 5, stale: 5 },
} as const;

/** What a shared cache must key on besides the URL: the token, the negotiated media type and encoding, the CORS origin. */
export const VARY = 'Authorization, Accept, Accept-Encoding, Origin';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** Seconds fresh; 0: not for shared caches. */
export type CachePolicy = { maxAge: number };
export const UNCACHEABLE: CachePolicy = Object.freeze({ maxAge: 0 });

/** The Cache-Control value for a public answer that may be kept `maxAge` seconds. */
export function publicCacheControl(maxAge: number): string {
  const stale = maxAge <= CACHE_BOUNDS.stock.maxAge ? CACHE_BOUNDS.stock.stale : CACHE_BOUNDS.catalog.stale;
  return `public, max-age=${maxAge}, stale-while-revalidate=${stale}`;
}

/** The seconds of a Cache-Control this module wrote, when it is public; null otherwise. */
export function publicMaxAge(cacheControl: unknown): number | null {
  if (typeof cacheControl !== 'string' || !cacheControl.startsWith('public,')) return null;
  const match = /max-age=(\d+)/.exec(cacheControl);
  return match ? Number(match[1]) : null;
}

/**
 * Cache-Control and Vary of an answer. `shareable`: the request was an anonymous GET and the
 * answer carries no error; anything else is private and never stored.
 */
export function cacheHeaders(policy: CachePolicy, shareable: boolean): { 'cache-control': string; vary: string } {
  const cacheControl = shareable && policy.maxAge > 0 ? publicCacheControl(policy.maxAge) : PRIVATE_CACHE_CONTROL;
  return { 'cache-control': cacheControl, vary: VARY };
}

/** The REST catalog answers always carry `stock`, so they age as fast as stock does. */
export const REST_CATALOG_POLICY: CachePolicy = Object.freeze({ maxAge: CACHE_BOUNDS.stock.maxAge });

/** Whether a request may receive a shared answer: a GET or HEAD without credentials. */
export function anonymousRead(req: { method?: string; headers: { authorization?: string } }): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && req.headers.authorization === undefined;
}

/** The reads worth a lookup in the shared response cache: the REST catalog and GraphQL queries in the URL. */
const CACHED_PATHS = /^\/(api\/products(\/[^/]+)?|graphql)\/?$/;

interface RawRequest {
  method?: string;
  url?: string;
  headers: { authorization?: string; 'content-length'?: string; 'transfer-encoding'?: string; [name: string]: string | string[] | undefined };
}

/**
 * Whether the response cache may answer `req` (src/cache/responseCache.ts, before Express and in
 * it): an anonymous GET without a body of a cached path; for /graphql, one Apollo would run — a
 * query string (without one it is the Sandbox page) and a header its CSRF prevention accepts (a
 * simple cross-site GET is refused, cached or not). Works on node's IncomingMessage as on Express's.
 */
export function responseCacheCandidate(req: RawRequest): boolean {
  if (req.method !== 'GET' || !anonymousRead(req) || req.url === undefined) return false;
  // A body (odd on a GET, but Express parses a JSON one, and refuses a malformed one) goes the normal way.
  if (req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0') return false;
  const mark = req.url.indexOf('?');
  const path = mark === -1 ? req.url : req.url.slice(0, mark);
  if (!CACHED_PATHS.test(path)) return false;
  if (path.startsWith('/graphql')) {
    return mark !== -1 && (req.headers['apollo-require-preflight'] !== undefined || req.headers['x-apollo-operation-name'] !== undefined);
  }
  return true;
}

/**
 * The schema's `@cacheControl(maxAge:)` hints (`hints`: "Type" or "Type.field" → seconds, emitted
 * by codegen from schema.graphql), and the policy of each
 * GraphQL document, computed once per parsed document (Apollo keeps parsed documents in its
 * document store, so a repeated query is the same DocumentNode). A document is cacheable when it is a
 * query whose every root field has a hint; its maxAge is the smallest hint of any field it selects
 * (a field's own hint, else its type's). Mutations, introspection and unhinted root fields (`me`,
 * `myOrders`, `orders`, …) make it uncacheable.
 */
export function graphqlCachePolicies(schema: GraphQLSchema, hints: Readonly<Record<string, number>>): (document: DocumentNode) => CachePolicy {
  const hintOf = new Map(Object.entries(hints));
  const queryType = schema.getQueryType()?.name;
  const policies = new WeakMap<DocumentNode, CachePolicy>();

  function compute(document: DocumentNode): CachePolicy {
    let maxAge = Infinity;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition(node) {
          if (node.operation !== 'query') maxAge = 0;
        },
        Field(node) {
          const parent = typeInfo.getParentType();
          const fieldType = typeInfo.getType();
          if (!parent || node.name.value.startsWith('__')) {
            if (node.name.value !== '__typename') maxAge = 0;
            return;
          }
          const named = fieldType ? getNamedType(fieldType) : null;
          const hint = hintOf.get(`${parent.name}.${node.name.value}`) ?? (named ? hintOf.get(named.name) : undefined);
          if (hint !== undefined) maxAge = Math.min(maxAge, hint);
          else if (parent.name === queryType) maxAge = 0;
        },
      }),
    );
    const hasOperation = document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    return maxAge === Infinity || !hasOperation ? UNCACHEABLE : { maxAge };
  }

  return (document) => {
    let policy = policies.get(document);
    if (!policy) {
      policy = compute(document);
      policies.set(document, policy);
    }
    return policy;
  };
}
