import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Calibrated by `bench/compiledSize.ts` (heap after a full GC, graphql-jit 0.8.9, Node 20): a compiled
 * query retains 4–5 KiB per field of the operation as graphql-jit expands it (fragments inlined
 * where they are spread) and about 8 bytes more per character of each field's response path
 * (graphql-jit writes paths into the generated code). The document's own AST, which the compiled
 * query keeps alive, comes to about 0.9 KiB per selection or argument written in it. Each figure
 * is rounded up, so the estimate lies above every measured shape: 1.1 to 1.5 times the measured
 * size, up to 2.5 times for small queries. The document's text is no measure: a 60 kB comment
 * changes nothing compiled, and 4 KiB of text retain 9 to 11 MiB.
 */
const BYTES_PER_EXPANDED_FIELD = 5 * 1024;
const BYTES_PER_PATH_CHARACTER = 10;
const BYTES_PER_WRITTEN_NODE = 1024;

/**
 * What compiling `operation` of `document` will retain, estimated from the AST alone: it is
 * known before compiling, so a query too large to keep is never compiled. Validation has already
 * refused fragment cycles; `budget` stops the walk once the answer is known to be over it.
 */
export function estimateCompiledSize(document: DocumentNode, operation: OperationDefinitionNode, budget: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let written = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  for (const definition of [operation, ...fragments.values()]) written += countWritten(definition.selectionSet);

  let size = written * BYTES_PER_WRITTEN_NODE;
  const expand = (selectionSet: SelectionSetNode, pathLength: number): void => {
    for (const selection of selectionSet.selections) {
      if (size > budget) return;
      if (selection.kind === Kind.FIELD) {
        const path = pathLength + (selection.alias ?? selection.name).value.length;
        size += BYTES_PER_EXPANDED_FIELD + path * BYTES_PER_PATH_CHARACTER;
        if (selection.selectionSet) expand(selection.selectionSet, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        expand(selection.selectionSet, pathLength);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) expand(fragment.selectionSet, pathLength);
      }
    }
  };
  expand(operation.selectionSet, 0);
  return size;
}

function countWritten(selectionSet: SelectionSetNode): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    count += 1;
    if (selection.kind === Kind.FIELD) count += selection.arguments?.length ?? 0;
    if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) count += countWritten(selection.selectionSet);
  }
  return count;
}
