// Introspection stays on in the server options (the Sandbox needs it), and is decided per request:
// open to everyone outside production, only to admins in production.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from '../context';
import { forbidden } from '../errors';
import { graphqlErrorOf } from './errors';

const INTROSPECTION_FIELDS = new Set([SchemaMetaFieldDef.name, TypeMetaFieldDef.name]);

/** With `adminsOnly`, refuses operations that select `__schema` or `__type` unless the viewer is an admin. `__typename` is always allowed. */
export function introspectionPlugin({ adminsOnly }: { adminsOnly: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!adminsOnly) return;
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!operation || contextValue.viewer?.role === 'admin' || !usesIntrospection(document, operation)) return;
          throw graphqlErrorOf(forbidden('Introspection is only available to administrators'));
        },
      };
    },
  };
}

/** Whether the operation, fragments included, selects an introspection field. */
export function usesIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const visited = new Set<string>();
  const search = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return INTROSPECTION_FIELDS.has(selection.name.value) || (selection.selectionSet !== undefined && search(selection.selectionSet));
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return search(selection.selectionSet);
      const name = selection.name.value;
      if (visited.has(name)) return false;
      visited.add(name);
      const fragment = fragments.get(name);
      return fragment !== undefined && search(fragment);
    });
  return search(operation.selectionSet);
}
