// SQL text captured from Shopgraph's own src/db functions, so the anchor issues the very same
// statements. Bindings that vary per request are markers, filled in by fillTemplate.

export type Binding = string | number | boolean | null | { param: keyof SqlParams };

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

/** The per-request values: page, the LIKE pattern and the full-text query of a search term. */
export interface SqlParams {
  limit: number;
  offset: number;
  pattern: string;
  fullText: string;
}

export function fillTemplate(template: SqlTemplate, params: SqlParams): unknown[] {
  return template.bindings.map((binding) =>
    binding !== null && typeof binding === 'object' ? params[binding.param] : binding,
  );
}
