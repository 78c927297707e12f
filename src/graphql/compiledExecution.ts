import { setFlagsFromString } from 'node:v8';
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, GraphQLError, printSchema, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context';
import { AppError } from '../errors';
import { estimateCompiledSize } from './compiledSize';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];

/**
 * What the compiled-query cache may hold. A compiled query retains far more than its text: the
 * heaviest documents the query limits let through (30 aliases of nested order lists spreading
 * fragments, 4 KiB of text) retain 9 to 11 MiB each (bench/compiledSize.ts), so the cache is
 * bounded by that estimated size (compiledSize.ts) as well as by count, least recently used first.
 */
export const COMPILED_CACHE_LIMITS = {
  /** Compiled operations kept. */
  entries: 1000,
  /** Their estimated retained size in total. */
  bytes: 64 * 1024 * 1024,
  /** A query estimated above this is never compiled: it runs interpreted every time. */
  entryBytes: 16 * 1024 * 1024,
  /** Operations remembered as seen once (or as not to compile), about 150 bytes each. */
  sightings: 10_000,
} as const;

/** The codes of an operation refused for its viewer: compiling it would keep what cannot run. */
const REFUSED = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

type Sighting = 'once' | 'interpret';

/**
 * Executes queries with graphql-jit instead of graphql-js's `execute`. graphql-jit turns an
 * operation into one JavaScript function with the field resolution unrolled, so a list of 20
 * orders × 3 items × 8 fields is not walked field by field through graphql-js's generic
 * machinery, most of whose time goes to promise and argument bookkeeping per field (the
 * benchmark's S3 profile; figures in BENCHMARKS.md).
 *
 * Apollo still parses, validates (our query limits included) and caches each document. Compiled
 * operations are kept by query hash and operation name in a cache of their own, bounded by
 * COMPILED_CACHE_LIMITS; an operation is compiled on its second run, and not at all while it is
 * refused for its viewer (an anonymous `myOrders` is UNAUTHENTICATED every time: compiling it would
 * keep megabytes for an answer graphql-js gives as fast). Apollo Server 4+ has no `executor`
 * option: a gateway's executor is where its migration guide puts a custom one.
 *
 * Mutations stay with graphql-js: the spec runs their root fields one after another and stops
 * at the first failed non-null one (ten aliased logins check one password, not ten), and
 * graphql-jit starts them all. So do requests whose variables do not fit their types: graphql-js
 * reports those with the nodes Apollo needs to answer 400 BAD_USER_INPUT.
 */
export function compiledExecution(schema: GraphQLSchema, limits = COMPILED_CACHE_LIMITS): Gateway {
  // graphql-jit builds each operation with `new Function(source)`, and V8's compilation cache
  // keeps every such source (hundreds of kB for an order list with fragments) whatever becomes of
  // the function: 600 unique operations compiled and dropped still held 364 MB after full GCs,
  // none with the cache off. Off, what the LRU below evicts is freed. (The flag is read at each
  // compilation, so setting it here, at run time, takes effect for everything compiled after.)
  setFlagsFromString('--no-compilation-cache');
  const compiled = new LRUCache<string, CompiledQuery>({ max: limits.entries, maxSize: limits.bytes, maxEntrySize: limits.entryBytes });
  const sightings = new LRUCache<string, Sighting>({ max: limits.sightings });

  /**
   * Compiling costs a few times what validating does (BENCHMARKS.md), so an operation is compiled when
   * it comes back after running: a flood of one-off queries costs what graphql-js costs, and stable
   * query text runs compiled from its second request on. Null: interpret this time.
   */
  function compiledFor(key: string, request: GatewayRequest): CompiledQuery | null {
    const known = compiled.get(key);
    if (known) return known;
    if (sightings.get(key) !== 'once') return null;
    const size = estimateCompiledSize(request.document, request.operation, limits.entryBytes);
    const compiledQuery = size <= limits.entryBytes ? compileQuery(schema, request.document, request.request.operationName) : null;
    // Too large to keep, or not compilable (graphql-js then reports why, in its words): interpret from now on.
    if (!compiledQuery || !isCompiledQuery(compiledQuery)) {
      sightings.set(key, 'interpret');
      return null;
    }
    sightings.delete(key);
    compiled.set(key, compiledQuery, { size });
    return compiledQuery;
  }

  return {
    async load() {
      return {
        executor: async (request) => {
          const { document, operation, request: http, context, queryHash } = request;
          const interpreted = () =>
            execute({ schema, document, contextValue: context, variableValues: http.variables, operationName: http.operationName });
          // No operation: the document lacks the one named; graphql-js's error becomes Apollo's 400.
          const resolved = operation as typeof operation | undefined;
          if (resolved?.operation !== 'query') return interpreted();
          const key = `${queryHash}:${http.operationName ?? ''}`;
          const compiledQuery = compiledFor(key, request);
          if (!compiledQuery) {
            const result = await interpreted();
            // Seen once, and it ran: compiled if it comes back. Refused for this viewer: not a sighting.
            if (!sightings.has(key) && !refused(result)) sightings.set(key, 'once');
            return result;
          }
          const result = await compiledQuery.query(undefined, context, http.variables ?? {});
          // No `data` at all: the variables were refused before anything ran.
          if (!('data' in result)) return interpreted();
          return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}

type GatewayRequest = Parameters<NonNullable<Awaited<ReturnType<NonNullable<Gateway>['load']>>['executor']>>[0];

/** An answer that refused the operation (or part of it) for its viewer: signed out, or not allowed. */
function refused(result: ExecutionResult): boolean {
  return (result.errors ?? []).some((error) => error.originalError instanceof AppError && REFUSED.has(error.originalError.code));
}

/**
 * graphql-jit's errors descend from graphql-js's GraphQLError but leave `extensions` undefined
 * where graphql-js always sets an object, and Apollo's error formatting reads
 * `extensions.code` of every error. Rebuilt as graphql-js would have built them.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep.
  return Object.assign(rebuilt, { locations: error.locations });
}
