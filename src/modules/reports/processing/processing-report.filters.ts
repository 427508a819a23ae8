/** Dimensions Form II.06a can be narrowed by, beyond the caller's unit scope (resolved to ids and codes). */
export interface ProcessingFilters {
  /** Handling units (a unit widened by its subtree and the 2025 succession); null = no unit filter. */
  unitIds: string[] | null;
  agencyId: string | null;
  fieldCode: string | null;
  procedureCode: string | null;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | null;
}

export const NO_FILTERS: ProcessingFilters = {
  unitIds: null,
  agencyId: null,
  fieldCode: null,
  procedureCode: null,
  level: null,
};

export const HANDLING_LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;

/**
 * Conditions appended to FACTS_SQL (dossier `d`, procedure version `pv`), over parameters $n … $n+4 in the order
 * `processingFilterParams` returns them.
 */
export function processingFilterSql(n: number): string {
  return `
    and ($${n}::uuid[] is null or d.handling_unit_id = any($${n}::uuid[]))
    and ($${n + 1}::uuid is null or d.handling_agency_id = $${n + 1}::uuid)
    and ($${n + 2}::text is null or pv.field_code = $${n + 2}::text)
    and ($${n + 3}::text is null or pv.procedure_id = (select p.id from procedures p where p.code = $${n + 3}::text))
    and ($${n + 4}::text is null or d.handling_level = $${n + 4}::text)`;
}

export function processingFilterParams(f: ProcessingFilters): unknown[] {
  return [f.unitIds, f.agencyId, f.fieldCode, f.procedureCode, f.level];
}
