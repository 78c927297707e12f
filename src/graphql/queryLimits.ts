// Limits on what one GraphQL request may ask for, in every environment. Sized with headroom
// for real clients: the storefront's and README's queries are far below them, and so is the
// Apollo Sandbox's introspection query (the deepest and longest document we expect).
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getVariableValues,
  GraphQLError,
  Kind,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Context } from '../context';
import { operationCost } from './queryCost';

export const QUERY_LIMITS = {
  /**
   * Nested fields; fragments are not a level of their own. Armor exempts `__schema` (the Sandbox's
   * query is 15 deep), whose list nesting graphql-js's MaxIntrospectionDepthRule caps instead.
   */
  depth: 12,
  /** Aliased fields (`__typename` aliases are free). */
  aliases: 30,
  directives: 20,
  /** Lexical tokens of the document; the parser stops at the first one over. */
  tokens: 2000,
  /** See queryCost.ts. */
  cost: 5000,
  /**
   * `register`, `login` and `changePassword` fields in one mutation operation (aliases and
   * fragments included): each is a bcrypt job, so one request must not carry dozens of them.
   */
  passwordFields: 3,
} as const;

/** The mutations that hash or check a password. */
export const PASSWORD_MUTATIONS: readonly string[] = ['register', 'login', 'changePassword'];

/** What a response reports in `extensions.cost`, like Shopify's `requestedQueryCost` and its limit. */
export interface CostReport {
  requested: number;
  limit: number;
}

/** Armor words its refusals as syntax errors; they are not, and the client should read which limit it hit. */
function reportRefusal(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
}

const armorLimit = (n: number) => ({ n, onReject: [reportRefusal], propagateOnRejection: false });

/** The ApolloServer options that enforce QUERY_LIMITS (server.ts passes each one on). */
export function queryLimits(): {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<Context>[];
} & Pick<ApolloServerOptions<Context>, 'maxRecursiveSelections'> {
  const armor = new ApolloArmor({
    maxDepth: { ...armorLimit(QUERY_LIMITS.depth), flattenFragments: true },
    maxAliases: armorLimit(QUERY_LIMITS.aliases),
    maxDirectives: armorLimit(QUERY_LIMITS.directives),
    // graphql-js counts tokens itself (parseOptions below); armor's Apollo plugin for it throws
    // outside Apollo's error handling, which turns a refusal into a 500.
    maxTokens: { enabled: false },
    // Armor's cost is static per field; ours charges lists by `first` (costLimitPlugin).
    costLimit: { enabled: false },
    // Suggestions are hidden by formatError, in production only.
    blockFieldSuggestion: { enabled: false },
  });
  // Only armor's validation rules: its other options (plugins, batching) are decided in server.ts.
  const { validationRules } = armor.protect();
  return {
    parseOptions: { maxTokens: QUERY_LIMITS.tokens },
    validationRules: [...validationRules, passwordFieldsRule(QUERY_LIMITS.passwordFields)],
    // Apollo's own guard against fragments that expand to millions of selections.
    maxRecursiveSelections: true,
    plugins: [costLimitPlugin(QUERY_LIMITS.cost)],
  };
}

/**
 * Refuses a mutation operation with more than `max` password fields at its root, counted through
 * aliases, inline fragments and fragment spreads, before anything runs (GRAPHQL_VALIDATION_FAILED, HTTP 400).
 */
export function passwordFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      if (operation.operation !== 'mutation') return;
      const seen = new Set<string>();
      const count = (selectionSet: SelectionSetNode): number =>
        selectionSet.selections.reduce((total, selection) => {
          if (selection.kind === Kind.FIELD) return total + (PASSWORD_MUTATIONS.includes(selection.name.value) ? 1 : 0);
          if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet);
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          // Each fragment once: a cycle or an unknown name is reported by graphql-js's own rules.
          if (!fragment || seen.has(name)) return total;
          seen.add(name);
          return total + count(fragment.selectionSet);
        }, 0);
      const found = count(operation.selectionSet);
      if (found > max) {
        context.reportError(
          new GraphQLError(
            `A mutation may register, log in or change a password at most ${max} times; this one asks ${found} times. Send them as separate requests.`,
            { nodes: operation },
          ),
        );
      }
    },
  });
}

/**
 * Computes the cost once the operation is known and the variables are available, refuses it over
 * `limit`, and reports `{ requested, limit }` in the response's `extensions.cost` either way.
 */
export function costLimitPlugin(limit: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo refuses it next: no operation of that name
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // Invalid variables: execution refuses the request before any resolver runs.
          if (variables.errors) return;
          const requested = operationCost(schema, document, operation, variables.coerced);
          report = { requested, limit };
          if (requested > limit) {
            throw new GraphQLError(`Query cost limit of ${limit} exceeded, found ${requested}.`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (report === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
