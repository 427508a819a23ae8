import { encodeCursor, type Page } from 'src/common/pagination/pagination';

/**
 * A page from `limit + 1` rows fetched in keyset order: the extra row only says another page exists; the cursor is
 * the key of the last row kept (its sort key and id).
 */
export function keyedPage<T>(rows: T[], limit: number, key: (row: T) => { k: string; id: string }): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
