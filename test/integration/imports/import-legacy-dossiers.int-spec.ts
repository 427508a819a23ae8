import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { LegacyDossierRecordsService } from 'src/modules/dossiers/legacy/legacy-dossier-records.service';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import { SYSTEM_ACTOR } from 'src/modules/organisation/units/access-scope.service';
import { NO_FILTERS } from 'src/modules/reports/processing/processing-report.filters';
import { ProcessingReportService } from 'src/modules/reports/processing/processing-report.service';
import { storageDir, upload } from 'test/integration/imports/import-support';
import { freeCode } from 'test/integration/reports/report-fixtures';
import { ensureTestAgency, ensureTestUnit } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

const HEADER =
  'Mã hồ sơ (hệ thống cũ),Mã thủ tục,Mã cơ quan tiếp nhận,Mã đơn vị hành chính,Kênh nộp,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Tên người nộp';

describe('import of legacy dossiers (LEGACY_DOSSIERS)', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let pipeline: ImportPipeline;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const procCode = `LGT-${tag}`;
  const agencyCode = `LG${tag}.X`;
  let agencyId: string;
  let oldUnit: { id: string; code: string };
  let newUnit: { id: string; code: string };

  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    pipeline = new ImportPipeline(ds, {
      storageDir,
      xlsxMaxEntries: 2000,
      xlsxMaxUncompressedBytes: 64 * 1024 * 1024,
      chunkGroups: 3,
      services: { legacyDossiers: app.get(LegacyDossierRecordsService) },
    });
    const province = await ensureTestUnit(app, { era: 'PRE_2025', code: '96', level: 'PROVINCE' });
    const newProvince = await ensureTestUnit(app, { era: 'POST_2025', code: '96', level: 'PROVINCE' });
    const oldCode = await freeCode(ds, 'PRE_2025');
    oldUnit = { code: oldCode, id: await ensureTestUnit(app, { era: 'PRE_2025', code: oldCode, level: 'COMMUNE', parentId: province }) };
    // free in both eras: a pre-2025 commune with the same code (the national files other tests load) would be the
    // unit of the time for L008's March 2025 receipt, and the row would resolve to it instead
    let newCode = await freeCode(ds, 'POST_2025');
    while ((await ds.query(`select 1 from admin_units where era = 'PRE_2025' and code = $1`, [newCode])).length > 0)
      newCode = await freeCode(ds, 'POST_2025');
    newUnit = { code: newCode, id: await ensureTestUnit(app, { era: 'POST_2025', code: newCode, level: 'COMMUNE', parentId: newProvince }) };
    agencyId = await ensureTestAgency(app, { code: agencyCode, unitId: newUnit.id, kind: 'COMMUNE_COMMITTEE' });
    // one procedure, two versions: 10 working days until 2025, 5 from 2025-01-01
    const [decision] = await ds.query<Array<{ id: string }>>(
      `insert into procedure_decisions (number, title, signed_on, effective_from, status, applied_at)
       values ($1, 'Test decision', '2019-12-01', '2020-01-01', 'APPLIED', now()) returning id`,
      [`${procCode}/QĐ-TEST`],
    );
    const [proc] = await ds.query<Array<{ id: string }>>(`insert into procedures (code) values ($1) returning id`, [procCode]);
    await ds.query(
      `insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, valid_from, valid_to, name,
         field_code, levels, time_limit_amount, time_limit_unit, channels, online_mode)
       values ($1, 1, $2, 'NEW', '2020-01-01', '2025-01-01', 'Thủ tục cũ', 'NGUOI_CO_CONG', '{COMMUNE}', 10, 'WORKING_DAYS',
               '{DIRECT,ONLINE,POSTAL}', 'PARTIAL'),
              ($1, 2, $2, 'AMENDED', '2025-01-01', null, 'Thủ tục mới', 'NGUOI_CO_CONG', '{COMMUNE}', 5, 'WORKING_DAYS',
               '{DIRECT,ONLINE,POSTAL}', 'PARTIAL')`,
      [proc.id, decision.id],
    );
  });
  afterAll(async () => app.close());

  const line = (code: string, cells: Partial<Record<'proc' | 'agency' | 'unit' | 'channel' | 'status' | 'received' | 'due' | 'decided' | 'returned', string>>): string =>
    [
      `${tag}-${code}`,
      cells.proc ?? procCode,
      cells.agency ?? agencyCode,
      cells.unit ?? oldUnit.code,
      cells.channel ?? 'Trực tiếp',
      cells.status ?? 'Đúng hạn',
      cells.received ?? '04/03/2024',
      cells.due ?? '',
      cells.decided ?? '',
      cells.returned ?? '',
      'Nguyễn Văn An',
    ].join(',');

  async function dryRun(lines: string[]): Promise<{ id: string; job: Record<string, unknown>; errors: Array<{ row_no: number; code: string }> }> {
    const id = await upload(ds, [HEADER, ...lines].join('\n') + '\n', 'LEGACY_DOSSIERS', 'ho-so-cu.csv');
    await pipeline.validate(id);
    const errors = await ds.query<Array<{ row_no: number; code: string }>>(
      `select row_no, code from import_row_errors where import_id = $1 order by row_no, code`,
      [id],
    );
    return { id, job: (await pipeline.load(id)) as unknown as Record<string, unknown>, errors };
  }

  const legacyDossiers = (): Promise<Array<Record<string, unknown>>> =>
    ds.query(
      `select id, legacy_code, origin, code_scheme, state, channel, unit_id, handling_level, procedure_version_id,
              counting_start::text, due_date::text, decision_date::text, version, updated_at
         from dossiers where agency_id = $1 order by legacy_code`,
      [agencyId],
    );

  it('counts good, bad and duplicate rows exactly; commits them as history; a re-import changes nothing; Form II.06a counts them', async () => {
    const good = [
      line('L001', { status: 'Trước hạn', decided: '12/03/2024' }), // due 15/03: early
      line('L002', { channel: 'Trực tuyến', decided: '15/03/2024', returned: '18/03/2024' }), // on time, handed over
      line('L003', { channel: 'Bưu chính', status: 'Trễ hạn', decided: '20/03/2024' }), // late
      line('L004', { status: 'Trả lại', received: '05/03/2024', decided: '08/03/2024' }),
      line('L005', { channel: 'Trực tuyến', status: 'Rút hồ sơ', received: '06/03/2024', decided: '07/03/2024' }),
      line('L006', { status: 'Đang giải quyết', received: '25/03/2024' }), // due 05/04: within time on 31/03
      line('L007', { status: 'Trước hạn', received: '45355', decided: '14/03/2024' }), // Excel serial = 04/03/2024
      line('L008', { unit: newUnit.code, received: '03/03/2025', decided: '07/03/2025' }), // version 2: 5 days
    ];
    const bad = [
      line('L009', { received: '20/03/2024', decided: '12/03/2024' }), // decided before received
      line('L010', { proc: 'LGX-NOPE', decided: '15/03/2024' }), // unknown procedure
      line('L011', { unit: '1', decided: '15/03/2024' }), // malformed unit code
      line('L012', { received: '17/06/2019', decided: '20/06/2019' }), // no version in force
      line('L013', { status: 'Trước hạn', decided: '20/03/2024' }), // early, but after the due date
      line('L014', { received: '31/02/2024', decided: '15/03/2024' }), // not a date
      line('L015', { agency: 'NO.SUCH.AGENCY', decided: '15/03/2024' }), // unknown agency
      line('L016', { status: 'Đang giải quyết', decided: '15/03/2024' }), // in progress with a result date
      line('L001', { status: 'Trước hạn', decided: '12/03/2024' }), // the same code twice in the file
    ];
    const first = await dryRun([...good, ...bad]);
    expect(first.job).toMatchObject({
      state: 'VALIDATED',
      total_rows: 17,
      count_create: 8,
      count_update: 0,
      count_unchanged: 0,
      count_rejected: 9,
    });
    expect(first.errors.map((e) => [e.row_no, e.code])).toEqual([
      [10, 'DECIDED_BEFORE_RECEIVED'],
      [11, 'PROCEDURE_UNKNOWN'],
      [12, 'UNIT_CODE_INVALID'],
      [13, 'PROCEDURE_NOT_IN_FORCE'],
      [14, 'OUTCOME_MISMATCH'],
      [15, 'DATE_INVALID'],
      [16, 'AGENCY_UNKNOWN'],
      [17, 'DECIDED_WHILE_IN_PROGRESS'],
      [18, 'DUPLICATE_IN_FILE'],
    ]);
    expect(await legacyDossiers()).toEqual([]); // the dry run writes nothing

    await pipeline.commit(first.id, 'Cán bộ nhập liệu');
    expect(await pipeline.load(first.id)).toMatchObject({ state: 'COMMITTED' });
    const stored = await legacyDossiers();
    expect(stored.map((d) => [d.legacy_code, d.state, d.channel, d.counting_start, d.due_date, d.decision_date])).toEqual([
      [`${tag}-L001`, 'APPROVED', 'DIRECT', '2024-03-04', '2024-03-15', '2024-03-12'],
      [`${tag}-L002`, 'RESULT_RETURNED', 'ONLINE', '2024-03-04', '2024-03-15', '2024-03-15'],
      [`${tag}-L003`, 'APPROVED', 'POSTAL', '2024-03-04', '2024-03-15', '2024-03-20'],
      [`${tag}-L004`, 'RETURNED_NOT_ELIGIBLE', 'DIRECT', '2024-03-05', '2024-03-18', null],
      [`${tag}-L005`, 'WITHDRAWN', 'ONLINE', '2024-03-06', '2024-03-19', null],
      [`${tag}-L006`, 'IN_PROCESSING', 'DIRECT', '2024-03-25', '2024-04-05', null],
      [`${tag}-L007`, 'APPROVED', 'DIRECT', '2024-03-04', '2024-03-15', '2024-03-14'],
      [`${tag}-L008`, 'APPROVED', 'DIRECT', '2025-03-03', '2025-03-07', '2025-03-07'],
    ]);
    // the unit of the time: pre-2025 codes stay pre-2025 units; the version in force at receipt
    expect(stored.slice(0, 7).every((d) => d.unit_id === oldUnit.id)).toBe(true);
    expect(stored[7].unit_id).toBe(newUnit.id);
    expect(new Set(stored.map((d) => d.procedure_version_id)).size).toBe(2);
    expect(stored.every((d) => d.origin === 'LEGACY_IMPORT' && d.code_scheme === 'LEGACY' && d.handling_level === 'COMMUNE')).toBe(true);
    // history: no events, no outbox rows (so no webhooks or reminders)
    const ids = stored.map((d) => d.id);
    const [{ events }] = await ds.query<Array<{ events: number }>>(
      `select ((select count(*) from dossier_events where dossier_id = any($1::uuid[]))
             + (select count(*) from outbox_events where aggregate_id = any($1::uuid[])))::int as events`,
      [ids],
    );
    expect(events).toBe(0);
    // nobody's work: the open legacy dossier (L006, due 2024-04-05) is in no work queue
    const overdue = await RequestContext.run({ requestId: randomUUID(), actor: SYSTEM_ACTOR }, () =>
      app.get(DossiersService).workQueue('OVERDUE', 500),
    );
    expect(overdue.items.map((d) => d.id).filter((id) => ids.includes(id))).toEqual([]);

    // re-importing the same file: every good row unchanged, the commit writes nothing
    const again = await dryRun([...good, ...bad]);
    expect(again.job).toMatchObject({ count_create: 0, count_update: 0, count_unchanged: 8, count_rejected: 9 });
    await pipeline.commit(again.id, 'Cán bộ nhập liệu');
    expect(await legacyDossiers()).toEqual(stored);

    // a known code with other data is a row error: legacy records are not rewritten
    const changed = await dryRun([line('L001', { status: 'Trước hạn', decided: '11/03/2024' }), good[1]]);
    expect(changed.job).toMatchObject({ count_create: 0, count_unchanged: 1, count_rejected: 1 });
    expect(changed.errors.map((e) => [e.row_no, e.code])).toEqual([[2, 'LEGACY_CONFLICT']]);

    // Form II.06a for March 2024 counts them by their historical dates
    const report = await RequestContext.run({ requestId: randomUUID(), actor: SYSTEM_ACTOR }, () =>
      app.get(ProcessingReportService).report({ from: '2024-03-01', to: '2024-03-31' }, { ...NO_FILTERS, agencyId }),
    );
    expect(report.total).toMatchObject({
      received: 7,
      receivedOnline: 2,
      receivedDirectOrPostal: 5,
      carriedOver: 0,
      resolved: 6,
      resolvedEarly: 4, // L001, L007 decided early; L004, L005 returned / withdrawn before the due date
      resolvedOnTime: 1,
      resolvedLate: 1,
      inProgress: 1,
      inProgressWithinTime: 1,
      inProgressOverdue: 0,
      decided: 4,
      decidedEarlyOrOnTime: 3,
      returnedOrWithdrawn: 2,
    });
  });
});
