import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * `__proto__` as a response key or a variable name. graphql-js builds results and variables on
 * objects without a prototype, so the key comes back; graphql-jit assigns to plain objects, where
 * `__proto__` sets the prototype instead, so a compiled answer would silently lose the field
 * (`[{}]`) or the variable. Refused at validation, the same for both executors.
 */
const RESERVED = '__proto__';

export const ReservedNamesRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.alias?.value === RESERVED) {
      context.reportError(
        new GraphQLError(`The alias "${RESERVED}" is not allowed: JavaScript gives that name a special meaning. Choose another alias.`, {
          nodes: node.alias,
        }),
      );
    }
  },
  VariableDefinition(node) {
    if (node.variable.name.value === RESERVED) {
      context.reportError(
        new GraphQLError(`The variable name "$${RESERVED}" is not allowed: JavaScript gives that name a special meaning. Choose another name.`, {
          nodes: node.variable,
        }),
      );
    }
  },
});
