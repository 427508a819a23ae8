import { encodeCursor, type Page } from 'src/common/pagination/pagination';

/**
 * A page from `limit + 1` rows fetched in keyset order: the extra row only says another page exists; the cursor is
 * the sort key and id of the last row kept.
 */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, sortKey: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ k: sortKey(last), id: last.id }) : null,
  };
}
