// SQL text captured from Shopgraph's own src/db functions, so the anchor issues the very same
// statements. Bindings that vary per request are markers, filled in by fillTemplate.
import { fullTextQuery } from '../../src/db/searchWords';
import { fullTextWords } from '../../src/searchTerms';

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

/**
 * The values of one listing request. MATCH gets the term's fullTextWords, not the word-prefix
 * index's indexedWords: InnoDB's FULLTEXT index has no token shorter than innodb_ft_min_token_size
 * (3), so a required `+77*` matches "770" but never "77", and `model 77` would lose "Model 77."
 * (the substring rule's job, done by `pattern`, covers the short words). The benchmark's search
 * terms all hold such a word, as the captured SQL assumes.
 */
export function paramsOf(page: number, limit: number, search: string): SqlParams {
  const pattern = `%${search.replace(/[!%_]/g, (char) => `!${char}`)}%`;
  return { limit, offset: (page - 1) * limit, pattern, fullText: fullTextQuery(fullTextWords(search)) };
}
