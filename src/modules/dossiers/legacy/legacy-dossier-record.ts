import type { DossierState } from 'src/modules/dossiers/domain/dossier-state';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';

/** The final status in the old system: resolved early / on time / late, returned (not eligible), withdrawn, in progress. */
export type LegacyOutcome = 'EARLY' | 'ON_TIME' | 'LATE' | 'RETURNED' | 'WITHDRAWN' | 'IN_PROGRESS';

/** One dossier from older one-stop software, with its agency and (either-era) unit already resolved to ids. */
export interface LegacyDossierInput {
  /** The caller's reference (an import row number), echoed in the assessment. */
  ref: number;
  /** The source system's dossier code; unique per agency. */
  legacyCode: string;
  procedureCode: string;
  agencyId: string;
  /** The handling unit as recorded then (a pre-2025 unit stays a pre-2025 unit). */
  unitId: string;
  channel: Channel;
  outcome: LegacyOutcome;
  /** 'YYYY-MM-DD' dates. */
  receivedOn: string;
  /** The appointment date of the old system; null = computed from the procedure's time limit. */
  dueOn: string | null;
  /** Decision date (resolved), or the day the dossier was returned / withdrawn; null while in progress. */
  decidedOn: string | null;
  /** The day the result was handed over, if known. */
  returnedOn: string | null;
  applicantName: string | null;
}

export const LEGACY_DEFAULT_APPLICANT = 'Hồ sơ chuyển từ hệ thống cũ';

/** The stored columns of a legacy dossier that define it (compared on re-import). */
export interface LegacyRecordRow {
  procedure_version_id: string;
  channel: Channel;
  state: DossierState;
  unit_id: string;
  received_on: string;
  due_on: string;
  decision_date: string | null;
  stopped_on: string | null;
  returned_on: string | null;
  applicant_name: string;
}

/** What is stored for a row: a resolved dossier is APPROVED (RESULT_RETURNED once handed over) with its decision date. */
export function intendedLegacyRecord(
  row: LegacyDossierInput,
  procedureVersionId: string,
  dueOn: string,
): LegacyRecordRow & { resolved_on: string | null } {
  const decided = row.outcome === 'EARLY' || row.outcome === 'ON_TIME' || row.outcome === 'LATE';
  const stopped = row.outcome === 'RETURNED' || row.outcome === 'WITHDRAWN';
  const state: DossierState = decided
    ? row.returnedOn
      ? 'RESULT_RETURNED'
      : 'APPROVED'
    : row.outcome === 'RETURNED'
      ? 'RETURNED_NOT_ELIGIBLE'
      : row.outcome === 'WITHDRAWN'
        ? 'WITHDRAWN'
        : 'IN_PROCESSING';
  return {
    procedure_version_id: procedureVersionId,
    channel: row.channel,
    state,
    unit_id: row.unitId,
    received_on: row.receivedOn,
    due_on: dueOn,
    decision_date: decided ? row.decidedOn : null,
    resolved_on: decided ? row.decidedOn : null,
    stopped_on: stopped ? row.decidedOn : null,
    returned_on: decided ? row.returnedOn : null,
    applicant_name: row.applicantName ?? LEGACY_DEFAULT_APPLICANT,
  };
}

export function sameLegacyRecord(a: LegacyRecordRow, b: LegacyRecordRow): boolean {
  const keys: Array<keyof LegacyRecordRow> = [
    'procedure_version_id',
    'channel',
    'state',
    'unit_id',
    'received_on',
    'due_on',
    'decision_date',
    'stopped_on',
    'returned_on',
    'applicant_name',
  ];
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
