import { Injectable } from '@nestjs/common';
import { DossierCalendarPort } from 'src/modules/dossiers/dossier-ports';
import type { Channel } from 'src/modules/dossiers/domain/portal-codes';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import {
  intendedLegacyRecord,
  sameLegacyRecord,
  type LegacyDossierInput,
  type LegacyRecordRow,
} from 'src/modules/dossiers/legacy/legacy-dossier-record';
import { catalogCode } from 'src/modules/procedures/procedures.service';

export type { LegacyDossierInput, LegacyOutcome } from 'src/modules/dossiers/legacy/legacy-dossier-record';

/** A statement runner in the caller's transaction (`QueryRunner.query`, `EntityManager.query`). */
export type LegacySql = (sql: string, params?: unknown[]) => Promise<unknown>;

/**
 * Why a legacy dossier cannot be recorded:
 * - PROCEDURE_NOT_IN_FORCE: no version of the procedure was in force on the received date;
 * - DUE_DATE_MISSING: the procedure version has no time limit and the row gives no due date;
 * - OUTCOME_MISMATCH: resolved early / on time / late contradicts the decided date and the due date;
 * - CONFLICT: the agency already holds this legacy code with other data (legacy records are never rewritten).
 */
export type LegacyProblem = 'PROCEDURE_NOT_IN_FORCE' | 'DUE_DATE_MISSING' | 'OUTCOME_MISMATCH' | 'CONFLICT';

export interface LegacyDossierAssessment {
  ref: number;
  /** NEW = would be recorded; SAME = already recorded with the same data (a re-import); REJECTED = see problem. */
  status: 'NEW' | 'SAME' | 'REJECTED';
  problem: LegacyProblem | null;
  /** e.g. the due date the outcome was checked against. */
  detail: string | null;
  procedureVersionId: string | null;
  dueOn: string | null;
}

interface VersionRow {
  ref: number;
  id: string;
  time_limit_amount: string | null;
  time_limit_unit: string | null;
}

/**
 * Records dossiers from older one-stop software as history (`origin = 'LEGACY_IMPORT'`): in bulk, one statement per
 * call, bound to the procedure version in force on the received date, with the due date from the version's time
 * limit on the working calendar (unless the file gives it), the decision or stop date and the final state, so that
 * the reports (Form II.06a) count them like desk dossiers. No events, outbox rows, webhooks or reminders: they are
 * history. Keyed by (agency, legacy code): recording the same rows again changes nothing; other data under a known
 * key is a CONFLICT (legacy records are not rewritten).
 */
@Injectable()
export class LegacyDossierRecordsService {
  constructor(
    private readonly calendar: DossierCalendarPort,
    private readonly receipt: DossierReceiptService,
  ) {}

  /** Checks the rows set-based (two statements) and tells, per row, what `record` would do. */
  async assess(q: LegacySql, rows: readonly LegacyDossierInput[]): Promise<LegacyDossierAssessment[]> {
    if (rows.length === 0) return [];
    const versions = (await q(
      `select r.ref, v.id, v.time_limit_amount::text, v.time_limit_unit
         from unnest($1::int[], $2::text[], $3::date[]) as r(ref, code, received_on)
         join procedures p on p.code = r.code
         join procedure_versions v on v.procedure_id = p.id
          and (v.valid_from is null or v.valid_from <= r.received_on)
          and (v.valid_to is null or v.valid_to > r.received_on)`,
      [rows.map((r) => r.ref), rows.map((r) => catalogCode(r.procedureCode)), rows.map((r) => r.receivedOn)],
    )) as VersionRow[];
    const versionOf = new Map(versions.map((v) => [v.ref, v]));
    const existing = (await q(
      `select r.ref, d.procedure_version_id, d.channel, d.state, d.handling_unit_id as unit_id,
              d.counting_start::text as received_on, d.due_date::text as due_on, d.decision_date::text as decision_date,
              (d.stopped_at at time zone 'Asia/Ho_Chi_Minh')::date::text as stopped_on,
              (d.result_returned_at at time zone 'Asia/Ho_Chi_Minh')::date::text as returned_on, d.applicant_name
         from unnest($1::int[], $2::uuid[], $3::text[]) as r(ref, agency_id, legacy_code)
         join dossiers d on d.agency_id = r.agency_id and d.legacy_code = r.legacy_code`,
      [rows.map((r) => r.ref), rows.map((r) => r.agencyId), rows.map((r) => r.legacyCode)],
    )) as Array<LegacyRecordRow & { ref: number }>;
    const existingOf = new Map(existing.map((e) => [e.ref, e]));

    const out: LegacyDossierAssessment[] = [];
    for (const row of rows) {
      const version = versionOf.get(row.ref);
      const base = { ref: row.ref, procedureVersionId: version?.id ?? null, dueOn: null, detail: null };
      if (!version) {
        out.push({ ...base, status: 'REJECTED', problem: 'PROCEDURE_NOT_IN_FORCE', detail: row.receivedOn });
        continue;
      }
      const dueOn = row.dueOn ?? (await this.dueFrom(row.receivedOn, version.time_limit_amount, version.time_limit_unit));
      if (!dueOn) {
        out.push({ ...base, status: 'REJECTED', problem: 'DUE_DATE_MISSING' });
        continue;
      }
      if (!outcomeFits(row, dueOn)) {
        out.push({ ...base, dueOn, status: 'REJECTED', problem: 'OUTCOME_MISMATCH', detail: dueOn });
        continue;
      }
      const before = existingOf.get(row.ref);
      if (!before) out.push({ ...base, dueOn, status: 'NEW', problem: null });
      else if (sameLegacyRecord(before, intendedLegacyRecord(row, version.id, dueOn)))
        out.push({ ...base, dueOn, status: 'SAME', problem: null });
      else out.push({ ...base, dueOn, status: 'REJECTED', problem: 'CONFLICT' });
    }
    return out;
  }

  /**
   * Records the NEW rows of `rows` (after the same checks as `assess`) in one insert; rows already recorded are left
   * as they are (`on conflict do nothing` on the agency + legacy code). Returns the number of dossiers created.
   */
  async record(q: LegacySql, rows: readonly LegacyDossierInput[], recordedBy: string): Promise<number> {
    const assessed = await this.assess(q, rows);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    const fresh = assessed.filter((a) => a.status === 'NEW');
    if (fresh.length === 0) return 0;
    const records = fresh.map((a) => {
      const input = byRef.get(a.ref) as LegacyDossierInput;
      return { input, record: intendedLegacyRecord(input, a.procedureVersionId as string, a.dueOn as string) };
    });
    const col = <T>(f: (x: (typeof records)[number]) => T): T[] => records.map(f);
    const inserted = (await q(
      `insert into dossiers (code, code_scheme, origin, legacy_code, procedure_version_id, procedure_code, channel, state,
                             agency_id, unit_id, handling_agency_id, handling_unit_id, handling_level,
                             applicant_kind, applicant_name, received_by_kind, received_by_id, received_by_name,
                             submitted_at, accepted_at, counting_start, time_limit_amount, time_limit_unit,
                             due_at, due_date, original_due_date, resolved_at, stopped_at, decision_date,
                             result_returned_at, result_return_channel)
       select case when length(a.code) + length(r.legacy_code) between 8 and 56
                   then 'LG-' || a.code || '-' || r.legacy_code
                   else 'LG-' || md5(a.id::text || '/' || r.legacy_code) end,
              'LEGACY', 'LEGACY_IMPORT', r.legacy_code, v.id, p.code, r.channel, r.state,
              a.id, u.id, a.id, u.id, u.level,
              'PERSON', r.applicant_name, 'system', 'legacy-import', left($13, 200),
              (r.received_on::text || 'T08:00:00+07:00')::timestamptz, (r.received_on::text || 'T08:00:00+07:00')::timestamptz,
              r.received_on, v.time_limit_amount, v.time_limit_unit,
              (r.due_on::text || 'T23:59:59.999+07:00')::timestamptz, r.due_on, r.due_on,
              (r.resolved_on::text || 'T17:00:00+07:00')::timestamptz, (r.stopped_on::text || 'T17:00:00+07:00')::timestamptz,
              r.decision_date, (r.returned_on::text || 'T17:00:00+07:00')::timestamptz,
              case when r.returned_on is not null then r.channel end
         from unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::date[],
                     $9::date[], $10::date[], $11::date[], $12::date[], $14::date[])
              as r(legacy_code, agency_id, unit_id, version_id, channel, state, applicant_name, received_on, due_on,
                   resolved_on, stopped_on, decision_date, returned_on)
         join agencies a on a.id = r.agency_id
         join admin_units u on u.id = r.unit_id
         join procedure_versions v on v.id = r.version_id
         join procedures p on p.id = v.procedure_id
       on conflict (agency_id, legacy_code) where legacy_code is not null do nothing
       returning id`,
      [
        col((x) => x.input.legacyCode),
        col((x) => x.input.agencyId),
        col((x) => x.input.unitId),
        col((x) => x.record.procedure_version_id),
        col((x): Channel => x.record.channel),
        col((x) => x.record.state),
        col((x) => x.record.applicant_name),
        col((x) => x.record.received_on),
        col((x) => x.record.due_on),
        col((x) => x.record.resolved_on),
        col((x) => x.record.stopped_on),
        col((x) => x.record.decision_date),
        recordedBy || 'legacy import',
        col((x) => x.record.returned_on),
      ],
    )) as unknown[];
    return inserted.length;
  }

  /** The due date as the desk computes it (DossierReceiptService.dueFrom), from the received day or the next working day. */
  private async dueFrom(receivedOn: string, amountText: string | null, unit: string | null): Promise<string | null> {
    const start = (await this.calendar.isWorkingDay(receivedOn)) ? receivedOn : await this.calendar.addWorkingDays(receivedOn, 1);
    return this.receipt.dueFrom(start, amountText, unit);
  }
}

/** Resolved early / on time / late must agree with the decided date against the due date (as Form II.06a counts). */
function outcomeFits(row: LegacyDossierInput, dueOn: string): boolean {
  const decided = row.decidedOn;
  if (row.outcome === 'EARLY') return decided !== null && decided < dueOn;
  if (row.outcome === 'ON_TIME') return decided !== null && decided === dueOn;
  if (row.outcome === 'LATE') return decided !== null && decided > dueOn;
  return true;
}
