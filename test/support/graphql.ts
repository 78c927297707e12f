// Small helpers the suites share for reading API answers and making authenticated requests.
import type { GraphQLResponse } from './testApp';

/** The code of a GraphQL answer's first error (`extensions.code`), or undefined when it has none. */
export function codeOf(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions.code;
}

/** The field a GraphQL answer's first error names (`extensions.field`), or undefined. */
export function fieldOf(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions.field;
}

/** The Authorization header carrying `token`, for supertest's `.set(bearer(token))`. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
