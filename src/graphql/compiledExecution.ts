import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, GraphQLError, printSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from '../context';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];

/**
 * Executes queries with graphql-jit instead of graphql-js's `execute`. graphql-jit turns an
 * operation into one JavaScript function with the field resolution unrolled, so a list of 20
 * orders × 3 items × 8 fields is not walked field by field through graphql-js's generic
 * machinery (the benchmark's S3 profile: graphql-js 23 % of the CPU, most of it promise and
 * argument bookkeeping per field).
 *
 * Apollo still parses, validates (our query limits included) and caches each document; its
 * document store hands back the same DocumentNode for the same query text, so an operation is
 * compiled once per cached document (on its second use, below) and forgotten with it. Apollo Server 4+ has no `executor`
 * option: a gateway's executor is where its migration guide puts a custom one.
 *
 * Mutations stay with graphql-js: the spec runs their root fields one after another and stops
 * at the first failed non-null one (ten aliased logins check one password, not ten), and
 * graphql-jit starts them all. So do requests whose variables do not fit their types: graphql-js
 * reports those with the nodes Apollo needs to answer 400 BAD_USER_INPUT.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  const seen = new WeakMap<DocumentNode, Map<string, CompiledQuery | 'once' | 'not compilable'>>();

  /**
   * Compiling costs a few times validating (measured on a busy 2-core machine: 2.9 ms for S3's query and 17 ms for 30
   * aliased order lists, against 0.6 and 7 ms to validate them), so a document is compiled when
   * it comes back: a flood of one-off queries costs what graphql-js costs, and stable query text
   * runs compiled from its second request on. Null: interpret this time.
   */
  function compiledFor(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    let operations = seen.get(document);
    if (!operations) seen.set(document, (operations = new Map()));
    const key = operationName ?? '';
    const known = operations.get(key);
    if (known === undefined) {
      operations.set(key, 'once');
      return null;
    }
    if (known === 'once') {
      const compiled = compileQuery(schema, document, operationName);
      // Not compilable (no such operation, say): graphql-js reports why, in its words.
      operations.set(key, isCompiledQuery(compiled) ? compiled : 'not compilable');
      return isCompiledQuery(compiled) ? compiled : null;
    }
    return known === 'not compilable' ? null : known;
  }

  return {
    async load() {
      return {
        executor: async ({ document, operation, request, context }) => {
          const interpreted = () =>
            execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
          // No operation: the document lacks the one named; graphql-js's error becomes Apollo's 400.
          const resolved = operation as typeof operation | undefined;
          if (resolved?.operation !== 'query') return interpreted();
          const compiledQuery = compiledFor(document, request.operationName);
          if (!compiledQuery) return interpreted();
          const result = await compiledQuery.query(undefined, context, request.variables ?? {});
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
