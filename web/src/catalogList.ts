// The catalog page's pure rules (pages/Catalog.tsx): which sorts it offers and how it states a total.
import type { CountPrecision, ProductSort } from './gql/graphql';

const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'NEWEST', label: 'Newest' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'NAME_ASC', label: 'Name' },
];
/** Relevance ranks a search's matches (names first); without a term there is nothing to rank. */
const BEST_MATCH = { value: 'RELEVANCE', label: 'Best match' } as const satisfies (typeof SORTS)[number];

/** The sorts offered: "Best match" first while a term is searched. */
export function sortsFor(search: string): { value: ProductSort; label: string }[] {
  return search ? [BEST_MATCH, ...SORTS] : SORTS;
}

/** The sort a URL asks for, if it is offered for this search; else newest first. */
export function asSort(value: string | null, search: string): ProductSort {
  return sortsFor(search).find((sort) => sort.value === value)?.value ?? 'NEWEST';
}

/** "Showing 12 of 48 products"; a search's capped total (AT_LEAST) reads "1000+". */
export function totalText(shown: number, total: number, precision: CountPrecision): string {
  if (total === 0) return 'No products match.';
  const exact = precision === 'EXACT';
  return `Showing ${shown} of ${total}${exact ? '' : '+'} product${exact && total === 1 ? '' : 's'}`;
}
