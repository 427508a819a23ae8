import { POST_2025_FROM } from 'src/modules/organisation/entities/admin-unit.entity';
import type { LegacyDossierInput } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import type { ClassifyOptions, SqlQuery, TargetServices } from 'src/modules/imports/targets/import-target-definition';
import { stagingSql } from 'src/modules/imports/targets/staging-sql';
import { DomainException } from 'src/common/errors/domain.exception';

export const LEGACY_DOSSIERS_STAGING = 'import_legacy_dossier_rows';
const S = LEGACY_DOSSIERS_STAGING;
const { errorsFrom, rejectErrored } = stagingSql(S);

/** A `select row_no, value …` without details, in the shape `errorsFrom` reads. */
const plain = (select: string): string =>
  `select y.row_no, y.value, null::text as detail_vi, null::text as detail_en from (${select}) y`;

interface StagedLegacyRow {
  row_no: number;
  legacy_code: string;
  procedure_code: string;
  agency_id: string;
  unit_id: string;
  channel: LegacyDossierInput['channel'];
  outcome: LegacyDossierInput['outcome'];
  received_on: string;
  due_on: string | null;
  decided_on: string | null;
  returned_on: string | null;
  applicant_name: string | null;
}

const STAGED_SELECT = `select row_no, legacy_code, procedure_code, agency_id, unit_id, channel, outcome,
  received_on::text, due_on::text, decided_on::text, returned_on::text, applicant_name from ${S}`;

function inputOf(r: StagedLegacyRow): LegacyDossierInput {
  return {
    ref: r.row_no,
    legacyCode: r.legacy_code,
    procedureCode: r.procedure_code,
    agencyId: r.agency_id,
    unitId: r.unit_id,
    channel: r.channel,
    outcome: r.outcome,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    decidedOn: r.decided_on,
    returnedOn: r.returned_on,
    applicantName: r.applicant_name,
  };
}

function recorder(services?: TargetServices): NonNullable<TargetServices['legacyDossiers']> {
  if (!services?.legacyDossiers)
    throw new DomainException('IMPORT_TARGET_UNKNOWN', 'Legacy-dossier imports need the dossier module');
  return services.legacyDossiers;
}

/**
 * Resolves the agency (by code) and the unit (by code in the era of the received date first: before 2025-07-01
 * the pre-2025 unit, so old codes stay old units; else the other era), checks scope and duplicates in the file,
 * then asks the dossier module what each row would do (procedure version in force, due date, status against the
 * dates, already recorded): NEW → CREATE, SAME → UNCHANGED, problems → row errors.
 */
export async function classifyLegacyDossiers(
  q: SqlQuery,
  importId: string,
  opts: ClassifyOptions,
  services?: TargetServices,
): Promise<void> {
  const legacy = recorder(services);
  await q(
    `update ${S} s set agency_id = a.id from agencies a
      where s.import_id = $1 and not s.rejected and a.code = s.agency_code`,
    [importId],
  );
  await q(
    `update ${S} s set unit_id = (
        select u.id from admin_units u where u.code = s.unit_code
         order by (u.era = case when s.received_on < $2::date then 'PRE_2025' else 'POST_2025' end) desc limit 1)
      where s.import_id = $1 and not s.rejected`,
    [importId, POST_2025_FROM],
  );
  await errorsFrom(q, importId, 'AGENCY_UNKNOWN', 'agency_code',
    plain(`select row_no, agency_code as value from ${S} where import_id = $1 and not rejected and agency_id is null`));
  await errorsFrom(q, importId, 'UNIT_UNKNOWN', 'unit_code',
    plain(`select row_no, unit_code as value from ${S} where import_id = $1 and not rejected and unit_id is null`));
  await errorsFrom(q, importId, 'PROCEDURE_UNKNOWN', 'procedure_code',
    plain(`select row_no, procedure_code as value from ${S} s where import_id = $1 and not rejected
        and not exists (select 1 from procedures p where p.code = regexp_replace(s.procedure_code, '^([0-9]\\.[0-9]{6})\\..+$', '\\1'))`));
  if (opts.scopeUnitIds)
    await errorsFrom(q, importId, 'UNIT_OUT_OF_SCOPE', 'unit_code',
      plain(`select row_no, unit_code as value from ${S} where import_id = $1 and not rejected and unit_id is not null
          and not (unit_id = any($6::uuid[]))`),
      [opts.scopeUnitIds]);
  await errorsFrom(q, importId, 'DUPLICATE_IN_FILE', 'legacy_code',
    plain(`select row_no, legacy_code as value from (
       select row_no, legacy_code, row_number() over (partition by agency_code, legacy_code order by row_no) as n
         from ${S} where import_id = $1 and legacy_code is not null and agency_code is not null) d where n > 1`));
  await rejectErrored(q, importId);

  const rows = (await q(`${STAGED_SELECT} where import_id = $1 and not rejected order by row_no`, [importId])) as StagedLegacyRow[];
  const assessed = await legacy.assess(q, rows.map(inputOf));
  const problems = assessed.filter((a) => a.problem !== null);
  if (problems.length > 0) {
    const codeOf = (p: string): string => (p === 'CONFLICT' ? 'LEGACY_CONFLICT' : p);
    const columnOf = (p: string): string =>
      p === 'PROCEDURE_NOT_IN_FORCE' ? 'procedure_code' : p === 'DUE_DATE_MISSING' ? 'due_on' : p === 'OUTCOME_MISMATCH' ? 'status' : 'legacy_code';
    const byRef = new Map(rows.map((r) => [r.row_no, r]));
    for (const code of [...new Set(problems.map((p) => codeOf(p.problem as string)))]) {
      const mine = problems.filter((p) => codeOf(p.problem as string) === code);
      const column = columnOf(mine[0].problem as string);
      await errorsFrom(q, importId, code, column,
        `select r.row_no, r.value, r.detail as detail_vi, r.detail as detail_en
           from unnest($6::int[], $7::text[], $8::text[]) as r(row_no, value, detail)`,
        [
          mine.map((p) => p.ref),
          mine.map((p) => {
            const r = byRef.get(p.ref) as StagedLegacyRow;
            return column === 'procedure_code' ? r.procedure_code : column === 'status' ? r.outcome : column === 'due_on' ? r.due_on : r.legacy_code;
          }),
          mine.map((p) => (p.problem === 'OUTCOME_MISMATCH' ? `hạn ${p.detail} / due ${p.detail}` : p.detail)),
        ]);
    }
    await rejectErrored(q, importId);
  }
  const fresh = assessed.filter((a) => a.status === 'NEW').map((a) => a.ref);
  const same = assessed.filter((a) => a.status === 'SAME').map((a) => a.ref);
  await q(
    `update ${S} set action = case when row_no = any($2::int[]) then 'CREATE'
                                  when row_no = any($3::int[]) then 'UNCHANGED' else 'REJECTED' end,
                     rejected = rejected or not (row_no = any($2::int[]) or row_no = any($3::int[]))
      where import_id = $1`,
    [importId, fresh, same],
  );
}

/** One chunk: the CREATE rows recorded by the dossier module in one insert (guarded by agency + legacy code). */
export async function mergeLegacyDossiersChunk(
  q: SqlQuery,
  importId: string,
  chunk: number,
  actor: string,
  services?: TargetServices,
): Promise<void> {
  const rows = (await q(`${STAGED_SELECT} where import_id = $1 and chunk_no = $2 and action = 'CREATE' order by row_no`, [
    importId,
    chunk,
  ])) as StagedLegacyRow[];
  if (rows.length > 0) await recorder(services).record(q, rows.map(inputOf), actor);
}
