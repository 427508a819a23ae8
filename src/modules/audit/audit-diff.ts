export interface AuditDiff {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const normalise = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;

/**
 * The changed fields only: for an update, each field whose JSON value differs, before and after; for a create
 * only `after`, for a delete only `before`. Undefined when nothing changed.
 */
export function diffFields(
  before: Record<string, unknown> | undefined | null,
  after: Record<string, unknown> | undefined | null,
): AuditDiff | undefined {
  const b = before ? Object.fromEntries(Object.entries(before).map(([k, v]) => [k, normalise(v)])) : undefined;
  const a = after ? Object.fromEntries(Object.entries(after).map(([k, v]) => [k, normalise(v)])) : undefined;
  if (!b && !a) return undefined;
  if (!b) return { after: a };
  if (!a) return { before: b };
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const diff: Required<AuditDiff> = { before: {}, after: {} };
  for (const key of keys) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    diff.before[key] = b[key] ?? null;
    diff.after[key] = a[key] ?? null;
  }
  return Object.keys(diff.after).length > 0 ? diff : undefined;
}
