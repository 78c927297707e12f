import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/**
 * A mutation reads only from the primary (its response's fields included), and its answer is
 * sent only once the position of its writes is remembered: the user's next request, on any
 * instance, then sees them. Queries read wherever the data layer's routing sends them.
 */
export function readYourWritesPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let wrote = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') return;
          wrote = true;
          contextValue.reads.usePrimary();
        },
        async willSendResponse({ contextValue }) {
          if (wrote) await contextValue.reads.rememberWrites();
        },
      };
    },
  };
}
