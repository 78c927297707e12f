import type { Connection } from '../../domain';

/** `nodes` and `totalCount` of every connection; the COUNT query runs only when asked for. */
export const connectionFields = {
  nodes: <T>(connection: Connection<T>) => connection.edges.map((edge) => edge.node),
  totalCount: <T>(connection: Connection<T>) => connection.totalCount(),
};
