import type { ImportTarget } from 'src/modules/imports/targets/import-targets';

export type ImportState =
  | 'UPLOADED'
  | 'VALIDATING'
  | 'VALIDATED'
  | 'COMMITTING'
  | 'COMMITTED'
  | 'CANCELLED'
  | 'FAILED';

export interface ImportJobRow {
  id: string;
  target: ImportTarget;
  state: ImportState;
  file_name: string;
  file_key: string;
  file_format: 'CSV' | 'XLSX';
  file_size: string;
  file_sha256: string;
  encoding: string | null;
  member_from: string;
  scope_unit_ids: string[] | null;
  total_rows: number | null;
  rows_done: number;
  phase_started_at: Date | null;
  count_create: number | null;
  count_update: number | null;
  count_unchanged: number | null;
  count_rejected: number | null;
  households_to_create: number | null;
  chunk_count: number | null;
  committed_chunk: number;
  cancel_requested: boolean;
  failure: string | null;
  created_by: string;
  created_at: Date;
  validated_at: Date | null;
  finished_at: Date | null;
  error_count: number;
}

export const IMPORT_JOB_SELECT = `select j.id, j.target, j.state, j.file_name, j.file_key, j.file_format, j.file_size,
  j.file_sha256, j.encoding, to_char(j.member_from, 'YYYY-MM-DD') as member_from, j.scope_unit_ids, j.total_rows,
  j.rows_done, j.phase_started_at, j.count_create, j.count_update, j.count_unchanged, j.count_rejected,
  j.households_to_create, j.chunk_count, j.committed_chunk, j.cancel_requested, j.failure, j.created_by,
  j.created_at, j.validated_at, j.finished_at,
  (select count(distinct e.row_no)::int from import_row_errors e where e.import_id = j.id) as error_count
  from import_jobs j`;

/** Progress of the current phase: rows done / total, rows per second since the phase started, ETA in seconds. */
export interface ImportProgress {
  phase: ImportState;
  rowsDone: number;
  rowsTotal: number | null;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  errors: number;
}

export function progressOf(job: ImportJobRow, now = Date.now()): ImportProgress {
  const elapsed = job.phase_started_at ? (now - job.phase_started_at.getTime()) / 1000 : 0;
  const running = job.state === 'VALIDATING' || job.state === 'COMMITTING';
  const rate = running && elapsed > 0 && job.rows_done > 0 ? job.rows_done / elapsed : null;
  const total = job.total_rows;
  return {
    phase: job.state,
    rowsDone: job.rows_done,
    rowsTotal: total,
    rowsPerSecond: rate === null ? null : Math.round(rate),
    etaSeconds: rate && total !== null ? Math.max(0, Math.round((total - job.rows_done) / rate)) : null,
    errors: job.error_count,
  };
}
