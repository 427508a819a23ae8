import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ensureTestAgency, ensureTestUnit } from 'test/utils/auth';

export interface ProcedureFixture {
  code: string;
  versionId: string;
}

/**
 * A procedure with one version in force (a fictitious local code), with a checklist (DON mandatory, CCCD mandatory,
 * XAC_NHAN optional) and three steps of 2 + 5 + 3 working days; time limit 10 working days unless given.
 */
export async function createTestProcedure(
  app: INestApplication,
  options: { channels?: string[] | null; timeLimitDays?: number; levels?: string[] } = {},
): Promise<ProcedureFixture> {
  const ds = app.get(DataSource);
  const code = `TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  const [decision] = await ds.query<Array<{ id: string }>>(
    `insert into procedure_decisions (number, title, signed_on, effective_from, status, applied_at)
     values ($1, 'Test decision', '2025-01-01', '2025-01-01', 'APPLIED', now()) returning id`,
    [`${code}/QĐ-TEST`],
  );
  const [proc] = await ds.query<Array<{ id: string }>>(`insert into procedures (code) values ($1) returning id`, [code]);
  const [version] = await ds.query<Array<{ id: string }>>(
    `insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, valid_from, name, field_code,
       levels, inter_level, time_limit_amount, time_limit_unit, channels, online_mode)
     values ($1, 1, $2, 'NEW', '2025-01-01', $3, 'NGUOI_CO_CONG', $4, true, $5, 'WORKING_DAYS', $6, 'PARTIAL')
     returning id`,
    [
      proc.id,
      decision.id,
      `Thủ tục thử nghiệm ${code}`,
      options.levels ?? ['COMMUNE', 'PROVINCE'],
      options.timeLimitDays ?? 10,
      options.channels === undefined ? ['DIRECT', 'ONLINE', 'POSTAL'] : options.channels,
    ],
  );
  await ds.query(
    `insert into procedure_documents (version_id, seq, code, name, mandatory) values
       ($1, 1, 'DON', 'Đơn đề nghị', true), ($1, 2, 'CCCD', 'Bản sao căn cước', true), ($1, 3, 'XAC_NHAN', 'Giấy xác nhận', false)`,
    [version.id],
  );
  await ds.query(
    `insert into procedure_steps (version_id, seq, name, role, level, budget_amount, budget_unit) values
       ($1, 1, 'Tiếp nhận, chuyển hồ sơ', 'Một cửa', 'COMMUNE', 2, 'WORKING_DAYS'),
       ($1, 2, 'Thẩm định', 'Chuyên viên', 'PROVINCE', 5, 'WORKING_DAYS'),
       ($1, 3, 'Phê duyệt', 'Lãnh đạo', 'PROVINCE', 3, 'WORKING_DAYS')`,
    [version.id],
  );
  return { code, versionId: version.id };
}

/** A province agency and a commune agency under it (two-level structure), with unique codes. */
export async function createTestAgencies(
  app: INestApplication,
): Promise<{ provinceAgencyId: string; provinceCode: string; communeAgencyId: string; communeCode: string; provinceUnitId: string; communeUnitId: string }> {
  const n = Math.floor(Math.random() * 90000) + 10000;
  const provinceUnitId = await ensureTestUnit(app, { code: '97', name: 'Tỉnh Thử' });
  const communeUnitId = await ensureTestUnit(app, { code: String(n), level: 'COMMUNE', parentId: provinceUnitId });
  const provinceCode = `H97.${n}`;
  const communeCode = `H97.${n}.X`;
  const provinceAgencyId = await ensureTestAgency(app, { code: provinceCode, unitId: provinceUnitId, kind: 'SERVICE_CENTRE' });
  const communeAgencyId = await ensureTestAgency(app, { code: communeCode, unitId: communeUnitId, kind: 'COMMUNE_COMMITTEE' });
  return { provinceAgencyId, provinceCode, communeAgencyId, communeCode, provinceUnitId, communeUnitId };
}

export const APPLICANT = {
  kind: 'PERSON' as const,
  name: 'Nguyễn Văn An',
  idNumber: '040190001234',
  phone: '0912345678',
};

export const FULL_DOCS = [{ checklistCode: 'DON' }, { checklistCode: 'CCCD' }];
