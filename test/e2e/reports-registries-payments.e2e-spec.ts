import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';
import { asActor, DECISION, SYSTEM, uniqueCode } from 'test/integration/registry/registry-fixtures';
import { reportUnits, type ReportUnits } from 'test/integration/reports/report-fixtures';
import { ensureTestAgency, ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

const MANUAL = { source: 'MANUAL' as const };

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('registry and payment reports over HTTP (REST and GraphQL)', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  let specialist: string;
  let u: ReportUnits;
  const households: string[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    u = await reportUnits(app, '90');
    const province = await ensureTestUnit(app, { era: 'POST_2025', code: '90', level: 'PROVINCE' });
    const agencyCode = uniqueCode('T.RPT');
    await ensureTestAgency(app, { code: agencyCode, unitId: province });
    viewer = await staffToken(app, { username: `rv-${randomUUID().slice(0, 8)}`, roles: ['REPORT_VIEWER'], agencyCode });
    specialist = await staffToken(app, { username: `sp-${randomUUID().slice(0, 8)}`, roles: ['SPECIALIST'], agencyCode });
    const hs = app.get(HouseholdsService);
    const statuses = app.get(StatusesService);
    const ds = app.get(DataSource);
    await asActor(SYSTEM, async () => {
      // Two poor households in old commune A (merged into C): one since 2024, one newly poor in 2025.
      for (const from of ['2024-02-01', '2025-03-01']) {
        const h = await hs.create({ code: uniqueCode('RPTE'), residenceUnitId: u.a }, MANUAL);
        await statuses.grantPovertyStatus(h.id, { classification: 'POOR', validFrom: from, decision: DECISION }, MANUAL);
        households.push(h.id);
      }
      const [p] = await ds.query<Array<{ id: string }>>(
        `insert into registry_people (full_name, birth_year, gender, residence_unit_id, source, created_by)
         values ('Phạm Thị Năm', 1950, 'FEMALE', $1, 'MANUAL', 'test') returning id`,
        [u.c],
      );
      await ds.query(
        `insert into registry_social_protection_subjects (person_id, bases, group_code, coefficient, valid_from,
           decision_number, decision_date, decision_signer, source, created_by)
         values ($1, '{K5A_ELDERLY_POOR_NO_SUPPORTER}', 'K5A_60_TO_80', 1.5, '2025-08-01', 'QD-9', '2025-07-25', 'Chủ tịch UBND xã', 'MANUAL', 'test')`,
        [p.id],
      );
    });
  });
  afterAll(async () => app.close());

  const get = (path: string, token = viewer) =>
    request(app.getHttpServer()).get(path).set('authorization', `Bearer ${token}`);
  const POVERTY = () => `/api/v1/reports/registries/poverty?year=2025&unitCode=${u.codes.c}&unitEra=POST_2025`;

  it('reports households by poverty class with entries, the old commune counted under its successor, and drills down', async () => {
    const res = await get(POVERTY()).expect(200);
    expect(res.body.lines).toEqual([
      expect.objectContaining({ unitId: u.c, class: 'POOR', previous: 1, current: 2, entries: 1, exits: 0 }),
    ]);
    const rows = await get(
      `/api/v1/reports/registries/poverty/households?year=2025&unitCode=${u.codes.c}&class=POOR&figure=entries&limit=10`,
    ).expect(200);
    expect(rows.body.items.map((h: { householdId: string }) => h.householdId)).toEqual([households[1]]);
  });

  it('exports the poverty report as XLSX with Vietnamese grouped headings, CSV with BOM, and chart JSON', async () => {
    const xlsx = await get(POVERTY().replace('/poverty?', '/poverty/xlsx?')).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="ho-ngheo.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['Đơn vị hành chính', 'Hộ nghèo', 'Hộ cận nghèo']));
    expect(sheet.getRow(4).values).toEqual(expect.arrayContaining(['Cuối năm trước', 'Phát sinh mới', 'Ra khỏi danh sách', 'Cuối năm']));
    const csv = await get(POVERTY().replace('/poverty?', '/poverty/csv?')).expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.split('\r\n')[0]).toContain('Hộ nghèo – Phát sinh mới');
    const chart = await get(POVERTY().replace('/poverty?', '/poverty/chart?')).expect(200);
    expect(chart.body.labels).toHaveLength(1);
    expect(chart.body.series.find((s: { key: string }) => s.key === 'POOR_current').data).toEqual([2]);
  });

  it('answers the social-protection report, account coverage and GraphQL with the same figures', async () => {
    const sp = await get(`/api/v1/reports/registries/social-protection?date=2025-10-01&unitCode=${u.codes.c}`).expect(200);
    expect(sp.body.lines.map((l: { category: string; subjects: number }) => [l.category, l.subjects])).toEqual([['K5A_60_TO_80', 1]]);
    const coverage = await get(`/api/v1/reports/payments/account-coverage?date=2025-10-01&unitCode=${u.codes.c}`).expect(200);
    expect(coverage.body.total).toEqual({ eligible: 1, withAccount: 0, shareBasisPoints: 0, sharePercent: '0.00' });
    const paid = await get(`/api/v1/reports/payments/paid-through-accounts?kind=HALF_YEAR&year=2025&index=2&unitCode=${u.codes.c}`).expect(200);
    expect(paid.body.period).toEqual({ from: '2025-06-15', to: '2025-12-14' });
    expect(paid.body.total.people).toBe(0);
    const gql = await request(app.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${viewer}`)
      .send({
        query: `query($code: String) {
          povertyReport(year: 2025, unitCode: $code) { era lines { class previous current entries exits } chart { labels } }
          povertyReportHouseholds(year: 2025, unitCode: $code, class: "POOR", figure: "current", first: 1) { items { householdId } endCursor hasNextPage }
          accountCoverageReport(date: "2025-10-01", unitCode: $code) { total { eligible withAccount } }
        }`,
        variables: { code: u.codes.c },
      })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.povertyReport.lines).toEqual([{ class: 'POOR', previous: 1, current: 2, entries: 1, exits: 0 }]);
    expect(gql.body.data.povertyReportHouseholds).toMatchObject({ hasNextPage: true });
    expect(gql.body.data.accountCoverageReport.total).toEqual({ eligible: 1, withAccount: 0 });
  });

  it('refuses callers without a reporting role and bad queries', async () => {
    expect((await get(POVERTY(), specialist)).status).toBe(403);
    expect((await get('/api/v1/reports/registries/poverty?year=1999')).status).toBe(400);
    expect((await get('/api/v1/reports/registries/meritorious?date=2025-13-01')).status).toBe(400);
  });
});
