// SQL text captured from Shopgraph's own src/db functions, so the anchor issues the very same
// statements. Bindings that vary per request are markers, filled in by fillTemplate.

export type Binding = string | number | boolean | null | { param: 'limit' | 'offset' | 'pattern' };

export interface SqlTemplate {
  sql: string;
  bindings: Binding[];
}

export interface SqlTemplates {
  list: SqlTemplate;
  count: SqlTemplate;
  searchList: SqlTemplate;
  searchCount: SqlTemplate;
}

export function fillTemplate(template: SqlTemplate, params: { limit: number; offset: number; pattern: string }): unknown[] {
  return template.bindings.map((binding) =>
    binding !== null && typeof binding === 'object' ? params[binding.param] : binding,
  );
}
