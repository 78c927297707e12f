import { useState } from 'react';

/**
 * A list shown as one query per page: the first page has no cursor, each later page asks for
 * what comes after the previous page's `endCursor`.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursors,
    /** Adds the page after `cursor`. */
    more: (cursor: string) => setCursors((previous) => [...previous, cursor]),
    /** Back to the first page alone (the filters changed). */
    reset: () => setCursors([null]),
  };
}

/** The "Load more" button under the last page, while there is a next one. */
export function LoadMore({ pageInfo, onMore }: { pageInfo: { hasNextPage: boolean; endCursor?: string | null }; onMore(cursor: string): void }) {
  const { hasNextPage, endCursor } = pageInfo;
  if (!hasNextPage || !endCursor) return null;
  return (
    <p className="center">
      <button type="button" onClick={() => onMore(endCursor)}>
        Load more
      </button>
    </p>
  );
}
