// What an operation may cost before it runs, in the spirit of Shopify's "requested cost":
// roughly the number of objects it can load. Computed from the validated document and the
// request's variables, so `first: $n` is charged for the n the client actually sent. A catalog
// search is charged for the rows the database reads: a term the index cannot answer is a scan.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { searchPlanOf } from '../searchTerms';
import { MAX_LINES } from '../services/orderPlacing';
import { MAX_PAGE_SIZE } from '../services/pagination';

/** Scalars and enums are free; each object costs this much. */
const OBJECT_COST = 1;
/** Each root mutation field costs this much on top of what it returns: mutations write. */
const MUTATION_COST = 10;
/** `first` of a connection when the client leaves it out (the schema's own default wins when it has one). */
const DEFAULT_PAGE_SIZE = 20;
/** `Order.items` has no `first`: charged as if every order had as many lines as an order can hold. */
const ORDER_ITEMS_ESTIMATE = MAX_LINES;
/**
 * Each statement that reads every product (a search the FULLTEXT index cannot answer, see
 * searchPlanOf): the page of such a search, and its `totalCount`. A fifth of the limit, so one
 * request holds at most four such statements (650 ms each on 135,000 products).
 */
export const SEARCH_SCAN_COST = 1000;
/** `totalCount` over a search the index answers: it counts every match, not a page of them. */
export const SEARCH_COUNT_COST = 100;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** A fragment's cost depends only on the page size around it, so each pair is computed once. */
  fragmentCosts: Map<string, number>;
}

/**
 * The cost of `operation`: objects cost 1, scalars 0, a list of objects costs its expected length
 * times the cost of one element (a connection's `first`, clamped to 1–100), and a mutation field 10
 * more. Fields skipped by `@skip`/`@include` cost nothing. `variables` must already be coerced.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables, fragmentCosts: new Map() };
  const rootFieldCost = operation.operation === 'mutation' ? MUTATION_COST : 0;
  return selectionSetCost(walk, operation.selectionSet, rootType, DEFAULT_PAGE_SIZE, rootFieldCost);
}

function selectionSetCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  pageSize: number,
  extraFieldCost = 0,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!isIncluded(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      cost += extraFieldCost + fieldCost(walk, selection, parentType, pageSize);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? typeNamed(walk, selection.typeCondition.name.value) : parentType;
      cost += selectionSetCost(walk, selection.selectionSet, type ?? parentType, pageSize, extraFieldCost);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && typeNamed(walk, fragment.typeCondition.name.value);
      if (!fragment || !type) continue;
      const key = `${fragment.name.value}:${pageSize}:${extraFieldCost}`;
      let fragmentCost = walk.fragmentCosts.get(key);
      if (fragmentCost === undefined) {
        fragmentCost = selectionSetCost(walk, fragment.selectionSet, type, pageSize, extraFieldCost);
        walk.fragmentCosts.set(key, fragmentCost);
      }
      cost += fragmentCost;
    }
  }
  return cost;
}

function fieldCost(walk: Walk, node: FieldNode, parentType: GraphQLCompositeType, pageSize: number): number {
  const field = fieldDefinition(walk, parentType, node.name.value);
  if (!field || !node.selectionSet) return 0; // scalars, enums and __typename
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return 0;

  // A connection's `first` sizes its `nodes` and `edges` lists, one level down.
  const innerPageSize = isConnection(type.name) ? pageSizeOf(walk, field, node) : pageSize;
  const oneElement =
    OBJECT_COST + searchCost(walk, field, node, type) + selectionSetCost(walk, node.selectionSet, type, innerPageSize);
  if (!isListType(getNullableType(field.type))) return oneElement;
  return expectedLength(parentType.name, node.name.value, pageSize) * oneElement;
}

function expectedLength(parentTypeName: string, fieldName: string, pageSize: number): number {
  if (isConnection(parentTypeName) && (fieldName === 'nodes' || fieldName === 'edges')) return pageSize;
  if (parentTypeName === 'Order' && fieldName === 'items') return ORDER_ITEMS_ESTIMATE;
  // Introspection lists are served from the in-memory schema; graphql-js caps their nesting.
  if (parentTypeName.startsWith('__')) return 1;
  return DEFAULT_PAGE_SIZE;
}

/**
 * What the catalog's `search` argument costs the database on top of its page: a scan for the page
 * and another for `totalCount` when the index cannot answer the term, a count of every match when
 * it can. The page of an indexed search reads index entries for `first` rows: no extra. (Admins'
 * `users(search)` is not charged: their table is small and the field is theirs alone.)
 */
function searchCost(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  type: GraphQLCompositeType,
): number {
  if (type.name !== 'ProductConnection' || !field.args.some((arg) => arg.name === 'search')) return 0;
  const { search } = getArgumentValues(field, node, walk.variables);
  const plan = searchPlanOf(typeof search === 'string' ? search : null);
  if (plan === 'none') return 0;
  const counts = node.selectionSet !== undefined && selectsField(walk, node.selectionSet, type, 'totalCount');
  if (plan === 'scan') return SEARCH_SCAN_COST + (counts ? SEARCH_SCAN_COST : 0);
  return counts ? SEARCH_COUNT_COST : 0;
}

/** Whether `selectionSet` (through its fragments, minus what `@skip`/`@include` leave out) selects `name`. */
function selectsField(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  name: string,
  seen = new Set<string>(),
): boolean {
  return selectionSet.selections.some((selection) => {
    if (!isIncluded(walk, selection)) return false;
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsField(walk, selection.selectionSet, parentType, name, seen);
    const fragment = walk.fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return false;
    seen.add(fragment.name.value);
    return selectsField(walk, fragment.selectionSet, parentType, name, seen);
  });
}

function pageSizeOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): number {
  if (!field.args.some((arg) => arg.name === 'first')) return DEFAULT_PAGE_SIZE;
  const { first } = getArgumentValues(field, node, walk.variables);
  if (typeof first !== 'number' || !Number.isInteger(first)) return DEFAULT_PAGE_SIZE;
  // Out-of-range values are refused by the services; charge what could actually be loaded.
  return Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
}

function isConnection(typeName: string): boolean {
  return typeName.endsWith('Connection');
}

function isIncluded(walk: Walk, node: SelectionSetNode['selections'][number]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

function typeNamed(walk: Walk, name: string): GraphQLCompositeType | undefined {
  const type = walk.schema.getType(name);
  return type && isCompositeType(type) ? type : undefined;
}

function fieldDefinition(
  walk: Walk,
  parentType: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (parentType === walk.schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
}
