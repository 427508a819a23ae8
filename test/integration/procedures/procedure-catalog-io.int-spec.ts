import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { AuditService } from 'src/modules/audit/audit.service';
import { CATALOG_HEADINGS, SHEET_CATALOG } from 'src/modules/procedures/io/catalog-sheet';
import { ProcedureCatalogIoService } from 'src/modules/procedures/io/procedure-catalog-io.service';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProcedureStatisticsService } from 'src/modules/procedures/procedure-statistics.service';
import { ProceduresService } from 'src/modules/procedures/procedures.service';
import { ProceduresSeeder } from 'src/modules/procedures/seed/procedures.seeder';
import {
  procedureContent,
  uniqueCode,
  uniqueDecisionNumber,
} from 'test/integration/procedures/procedure-fixtures';
import { openIsolatedTestDataSource } from 'test/utils/test-app';

describe('procedure catalog: import/export and statistics (service level)', () => {
  let ds: DataSource;
  let dropDatabase: () => Promise<void>;
  let procedures: ProceduresService;
  let decisions: ProcedureDecisionsService;
  let io: ProcedureCatalogIoService;
  let statistics: ProcedureStatisticsService;

  beforeAll(async () => {
    // Its own database: these tests assert catalog-wide counts that other files' procedures would change.
    ({ ds, drop: dropDatabase } = await openIsolatedTestDataSource());
    const store = new ProcedureVersionStore();
    procedures = new ProceduresService(ds, store);
    decisions = new ProcedureDecisionsService(ds, store, new AuditService(ds));
    io = new ProcedureCatalogIoService(ds, procedures, decisions);
    statistics = new ProcedureStatisticsService(ds);
    await ds.transaction((m) => new ProceduresSeeder().run(m));
  });
  afterAll(() => dropDatabase());

  const header = (effectiveFrom: string) => ({
    number: uniqueDecisionNumber(),
    signedOn: effectiveFrom,
    effectiveFrom,
  });

  it('exports the seeded catalog in force at the end of 2025 as JSON: 66 procedures, nulls kept', async () => {
    const json = await io.exportJson('2025-12-31');
    expect(json.procedures).toHaveLength(66);
    const unemployment = json.procedures.find((p) => p.code === '1.001978');
    expect(unemployment).toMatchObject({ timeLimit: null, onlineMode: 'FULL', fieldCode: 'VIEC_LAM' });
  });

  it('exports an XLSX list with Vietnamese headings, field groups and "not stated" cells', async () => {
    const file = await io.exportXlsx('2025-12-31');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(SHEET_CATALOG);
    expect(sheet?.getRow(1).getCell(1).value).toBe('DANH MỤC THỦ TỤC HÀNH CHÍNH');
    expect(sheet?.getRow(3).values).toEqual([undefined, ...CATALOG_HEADINGS]);
    expect(sheet?.getRow(4).getCell(1).value).toBe('I');
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    const unemployment = rows.find((r) => r[1] === '1.001978');
    expect(unemployment?.[5]).toBe('Nguồn không ghi (not stated in the source)');
    expect(rows.filter((r) => /^\d+$/.test(r[0]))).toHaveLength(66);
  });

  it('escapes cells that begin with = + - @ so a spreadsheet never runs them', async () => {
    const code = uniqueCode();
    await decisions.createAndApply({
      ...header('2030-01-02'),
      items: [
        {
          action: 'NEW',
          procedureCode: code,
          content: procedureContent(code, {
            name: '=HYPERLINK("http://evil.example","x")',
            notes: '@SUM(A1)',
          }),
        },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await io.exportXlsx('2030-01-02')) as unknown as ArrayBuffer);
    let found: ExcelJS.Row | undefined;
    wb.getWorksheet(SHEET_CATALOG)?.eachRow((row) => {
      if (row.getCell(2).value === code) found = row;
    });
    expect(found?.getCell(3).value).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(found?.getCell(13).value).toBe("'@SUM(A1)");
  });

  it('re-importing an exported workbook changes nothing; an edited time limit becomes an AMENDED draft', async () => {
    const code = uniqueCode();
    await decisions.createAndApply({
      ...header('2030-02-01'),
      items: [{ action: 'NEW', procedureCode: code, content: procedureContent(code, { steps: [] }) }],
    });
    const file = await io.exportXlsx('2030-02-01');
    const same = await io.importXlsx(header('2030-03-01'), file);
    expect(same).toMatchObject({ decision: null, created: [], amended: [], abolished: [] });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    wb.getWorksheet(SHEET_CATALOG)?.eachRow((row) => {
      if (row.getCell(2).value === code) row.getCell(6).value = '07 ngày làm việc';
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const plan = await io.importXlsx(header('2030-03-01'), edited);
    expect(plan.amended).toEqual([code]);
    expect(plan.decision?.status).toBe('DRAFT');
    await decisions.apply(plan.decision?.id as string);
    expect((await procedures.versionInForce(code, '2030-03-01'))?.timeLimit).toEqual({
      amount: 7,
      unit: 'WORKING_DAYS',
    });
    expect((await procedures.versionInForce(code, '2030-02-28'))?.timeLimit).toEqual({
      amount: 10,
      unit: 'WORKING_DAYS',
    });
  });

  it('imports JSON: a new procedure becomes NEW, a renamed one AMENDED, the rest unchanged', async () => {
    const exported = await io.exportJson('2025-12-31');
    const renamed = { ...exported.procedures[0], name: `${exported.procedures[0].name} (sửa đổi)` };
    const fresh = procedureContent(uniqueCode());
    const plan = await io.importJson(header('2031-12-01'), [
      renamed,
      ...exported.procedures.slice(1, 5),
      fresh,
    ]);
    expect(plan.created).toEqual([fresh.code]);
    expect(plan.amended).toEqual([renamed.code]);
    expect(plan.unchanged).toBe(4);
    await decisions.deleteDraft(plan.decision?.id as string);
  });

  it('counts procedures in force by level, field, online mode and legacy level; each breakdown adds up', async () => {
    const stats = await statistics.catalog('2025-12-31');
    expect(stats.total).toBe(66);
    const sum = (rows: Array<{ count: number }>) => rows.reduce((s, r) => s + r.count, 0);
    for (const rows of [stats.byLevel, stats.byField, stats.byOnlineMode, stats.byLegacyLevel])
      expect(sum(rows)).toBe(66);
    expect(stats.byField.find((r) => r.key === 'NGUOI_CO_CONG')?.count).toBe(33);
    expect(stats.byOnlineMode).toEqual(
      expect.arrayContaining([
        { key: 'FULL', count: 32 },
        { key: 'NOT_STATED', count: 34 },
      ]),
    );
  });

  it('reports decisions of a period as "03 amended (01 province, 01 commune, 01 district), 04 new, 03 abolished"', async () => {
    const codes = Array.from({ length: 6 }, uniqueCode);
    const at = (level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE') => ({ levels: [level], steps: [] });
    await decisions.createAndApply({
      ...header('2032-01-10'),
      items: codes.map((c, i) => ({
        action: 'NEW' as const,
        procedureCode: c,
        content: procedureContent(
          c,
          at((['PROVINCE', 'COMMUNE', 'DISTRICT', 'COMMUNE', 'COMMUNE', 'COMMUNE'] as const)[i]),
        ),
      })),
    });
    const newCodes = Array.from({ length: 4 }, uniqueCode);
    await decisions.createAndApply({
      ...header('2033-02-01'),
      items: [
        ...codes.slice(0, 3).map((c, i) => ({
          action: 'AMENDED' as const,
          procedureCode: c,
          content: procedureContent(c, {
            ...at((['PROVINCE', 'COMMUNE', 'DISTRICT'] as const)[i]),
            name: 'Sửa đổi',
          }),
        })),
        ...newCodes.map((c) => ({
          action: 'NEW' as const,
          procedureCode: c,
          content: procedureContent(c, at('COMMUNE')),
        })),
        ...codes.slice(3).map((c) => ({ action: 'ABOLISHED' as const, procedureCode: c })),
      ],
    });
    const stats = await statistics.decisions('2033-01-01', '2033-06-30');
    expect(stats.decisions).toBe(1);
    expect(stats.summary).toBe(
      '03 amended (01 province, 01 district, 01 commune), 04 new (04 commune), 03 abolished (03 commune)',
    );
    expect(stats.summaryVi).toBe(
      'sửa đổi, bổ sung 03 (01 cấp tỉnh, 01 cấp huyện, 01 cấp xã), ban hành mới 04 (04 cấp xã), bãi bỏ 03 (03 cấp xã)',
    );
  });
});
