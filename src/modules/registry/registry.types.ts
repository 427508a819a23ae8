import { RequestContext } from 'src/common/context/request-context';

export const RECORD_SOURCES = ['MANUAL', 'IMPORT', 'DIGITISATION', 'DOSSIER', 'POPULATION_DB'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** Where a record came from: manual entry, an import batch, a digitisation item, a dossier, the population DB. */
export interface Provenance {
  source: RecordSource;
  /** Batch id, digitisation item id, dossier code… */
  ref?: string | null;
}

/** Who is acting, for provenance columns: the caller's name, or `system`. */
export function actorName(): string {
  const actor = RequestContext.actor();
  return actor ? `${actor.kind}:${actor.name}` : 'system';
}

/** The decision that grants (or ends) a status. */
export interface DecisionRef {
  number: string;
  date: string;
  signer: string;
  /** The dossier that led to it, if any (no FK: dossiers live in another module). */
  dossierId?: string | null;
}

/** SQL fragment: a date column as 'YYYY-MM-DD' text (pg would otherwise build a local-time Date). */
export const d = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

/** Shorthand for the EntityManager-or-DataSource `query` both offer. */
export interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * Rows of an `update … returning`. TypeORM's postgres driver answers UPDATE/DELETE with `[rows, affectedCount]`
 * instead of the rows, so every update-returning in the registry goes through here.
 */
export async function updateReturning<T>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const result = await q.query<unknown>(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
