import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/**
 * A GraphQL response carrying SERVICE_UNAVAILABLE (the database could not serve a field) leaves
 * as HTTP 503 with Retry-After, as REST's does, rather than 200: the request line is then logged
 * at `error` and counted with the other 5xx by whatever counts them (load balancers, dashboards).
 * The data that was served stays in the body.
 */
export function unavailableStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const unavailable = response.body.singleResult.errors?.find(
            (error) => error.extensions?.code === 'SERVICE_UNAVAILABLE',
          );
          if (!unavailable) return;
          response.http.status = 503;
          const retryAfter = unavailable.extensions?.retryAfterSeconds;
          if (typeof retryAfter === 'number') response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
