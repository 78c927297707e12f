import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { cacheHeaders, graphqlCachePolicies, UNCACHEABLE } from '../cache/policy';
import type { Context } from '../context';
import { cacheHints } from './generated/typeDefs';

/**
 * Cache-Control and Vary of every GraphQL answer, from the schema's @cacheControl hints (one
 * computation per parsed document, src/cache/policy.ts). Shared only when the query came by GET,
 * without a viewer, and answered without errors. Apollo's own cache-control plugin stays off: it
 * wraps every resolver of every request (BENCHMARKS.md "Caching" has both costs).
 */
export function cachePolicyPlugin(schema: GraphQLSchema): ApolloServerPlugin<Context> {
  const policyOf = graphqlCachePolicies(schema, cacheHints);
  return {
    async requestDidStart({ request }) {
      const byGet = request.http?.method === 'GET';
      return {
        async willSendResponse({ response, document, contextValue, errors }) {
          const policy = byGet && document ? policyOf(document) : UNCACHEABLE;
          const body = response.body;
          const failed = Boolean(errors?.length) || (body.kind === 'single' && Boolean(body.singleResult.errors?.length));
          const anonymous = !contextValue.viewer && !request.http?.headers.get('authorization');
          for (const [name, value] of Object.entries(cacheHeaders(policy, byGet && anonymous && !failed))) {
            response.http.headers.set(name, value);
          }
        },
      };
    },
  };
}
