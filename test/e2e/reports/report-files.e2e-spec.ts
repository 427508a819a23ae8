import { createHash, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { FORM_HEADINGS } from 'src/modules/reports/processing/processing-report.export';
import { ReportFilesClock } from 'src/modules/reports/scheduled/report-files-clock';
import { ReportFilesService } from 'src/modules/reports/scheduled/report-files.service';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The producers ReportsModule registers, in run order. */
const REPORT_KEYS = [
  'dossier-processing',
  'paid-through-accounts',
  'account-coverage',
  'online-share',
  'digitisation',
  'service-index-766',
] as const;

interface FileMeta {
  id: string;
  periodKind: string;
  periodFrom: string;
  periodTo: string;
  scopeKey: string;
  format: string;
  checksumSha256: string;
  sizeBytes: number;
}

describe('Scheduled report files (Form II.06a, payments, online share, digitisation, 766 index; monthly and six-monthly)', () => {
  let app: NestFastifyApplication;
  let agencies: Awaited<ReturnType<typeof createTestAgencies>>;
  let provinceViewer: string;
  let communeViewer: string;
  let specialist: string;
  const countKept = async (): Promise<number> => {
    const [row] = await app
      .get(DataSource)
      .query<Array<{ n: number }>>(
        `select count(*)::int as n from report_files where period_to = '2026-06-14'`,
      );
    return row?.n ?? 0;
  };

  beforeAll(async () => {
    app = await createTestApp();
    agencies = await createTestAgencies(app);
    const procedureCode = (await createTestProcedure(app)).code;
    const user = (roles: Parameters<typeof staffToken>[1]['roles'], agencyCode: string) =>
      staffToken(app, { username: `rf-${randomUUID().slice(0, 8)}`, roles, agencyCode });
    provinceViewer = await user(['REPORT_VIEWER'], agencies.provinceCode);
    communeViewer = await user(['REPORT_VIEWER'], agencies.communeCode);
    specialist = await user(['SPECIALIST'], agencies.communeCode);
    const clock = app.get(DossierClock);
    clock.set(new Date('2026-05-20T09:00:00+07:00'));
    for (const [agencyCode, channels] of [
      [agencies.communeCode, ['ONLINE', 'DIRECT']],
      [agencies.provinceCode, ['DIRECT']],
    ] as const) {
      const key = await createApiKey(app, { scopes: ['dossiers:write'], agencyCode });
      for (const channel of channels) {
        const res = await request(app.getHttpServer())
          .post('/api/v1/dossiers')
          .set('x-api-key', key)
          .send({ procedureCode, channel, applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true });
        expect(res.status).toBe(201);
      }
    }
    clock.set(null);
  });
  afterAll(async () => {
    app.get(ReportFilesClock).set(null);
    await app.close();
  });

  const get = (path: string, token: string) =>
    request(app.getHttpServer()).get(path).set('authorization', `Bearer ${token}`);

  it('the day after 14 June (01:00 UTC+7) produces one set: every report for the month and the half-year; Form II.06a for the province and each agency, the others province-wide; XLSX and CSV', async () => {
    app.get(ReportFilesClock).set(new Date('2026-06-15T01:00:00+07:00')); // still 14 June in UTC
    const summary = await app.get(ReportFilesService).produce();
    expect(summary.today).toBe('2026-06-15');
    const month = { kind: 'MONTH', from: '2026-05-15', to: '2026-06-14' };
    const half = { kind: 'HALF_YEAR', from: '2025-12-15', to: '2026-06-14' };
    expect(summary.periods).toEqual(
      REPORT_KEYS.flatMap((reportKey) => [
        { reportKey, ...month },
        { reportKey, ...half },
      ]),
    );
    const rows = await app
      .get(DataSource)
      .query<Array<{ report_key: string; scope_key: string; period_kind: string; format: string }>>(
        `select report_key, scope_key, period_kind, format from report_files
          where period_to = '2026-06-14' and scope_key = any($1)`,
        [['PROVINCE', agencies.provinceCode, agencies.communeCode]],
      );
    const expected = REPORT_KEYS.flatMap((reportKey) =>
      (reportKey === 'dossier-processing'
        ? ['PROVINCE', agencies.provinceCode, agencies.communeCode]
        : ['PROVINCE']
      ).flatMap((scope) =>
        ['HALF_YEAR', 'MONTH'].flatMap((kind) => ['CSV', 'XLSX'].map((format) => `${reportKey}|${scope}|${kind}|${format}`)),
      ),
    );
    expect(expected).toHaveLength(12 + 5 * 4); // II.06a: 3 scopes × 2 periods × 2 formats; 5 others × 2 × 2
    const got = rows.map((r) => `${r.report_key}|${r.scope_key}|${r.period_kind}|${r.format}`);
    expect(got.sort()).toEqual(expected.sort()); // exactly this set, each once
  });

  it('a second run (the job, same day or the next) keeps no duplicate', async () => {
    const before = await countKept();
    const handler = app.get(JobHandlerRegistry).get('reports.files.produce');
    expect(handler).toBeDefined();
    const again = (await handler?.({ date: '2026-06-15' }, {} as never)) as { created: number };
    expect(again.created).toBe(0);
    app.get(ReportFilesClock).set(new Date('2026-06-16T08:00:00+07:00'));
    expect((await app.get(ReportFilesService).produce()).created).toBe(0);
    expect(await countKept()).toBe(before);
  });

  it('serves an agency its own files: the XLSX laid out like the form, checksum checked, CSV with BOM', async () => {
    const list = await get(
      `/api/v1/reports/files?reportKey=dossier-processing&periodKind=MONTH&from=2026-06-14&to=2026-06-14&scopeKey=${agencies.communeCode}`,
      communeViewer,
    ).expect(200);
    const files = list.body.items as FileMeta[];
    expect(files.map((f) => f.format).sort()).toEqual(['CSV', 'XLSX']);
    const xlsxMeta = files.find((f) => f.format === 'XLSX') as FileMeta;
    expect(xlsxMeta).toMatchObject({ periodFrom: '2026-05-15', periodTo: '2026-06-14' });
    const xlsx = await get(`/api/v1/reports/files/${xlsxMeta.id}/content`, communeViewer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers.etag).toBe(`"${xlsxMeta.checksumSha256}"`);
    expect(sha(xlsx.body as Buffer)).toBe(xlsxMeta.checksumSha256);
    expect((xlsx.body as Buffer).length).toBe(xlsxMeta.sizeBytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet('Biểu II.06a');
    expect(sheet?.getRow(3).values).toEqual([undefined, ...FORM_HEADINGS]);
    const total = sheet?.getRow(sheet.rowCount);
    expect(total?.getCell(2).value).toBe('Tổng cộng');
    expect(total?.getCell(3).value).toBe(2); // the commune agency's two dossiers
    expect(total?.getCell(4).value).toBe(1); // one of them online

    const csvMeta = files.find((f) => f.format === 'CSV') as FileMeta;
    const csv = await get(`/api/v1/reports/files/${csvMeta.id}/content`, communeViewer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((csv.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.headers['content-type']).toContain('text/csv');
  });

  it('keeps other units’ and province-wide files from a commune, but not from the province', async () => {
    const theirs = await get(
      `/api/v1/reports/files?reportKey=dossier-processing&to=2026-06-14&from=2026-06-14&scopeKey=${agencies.provinceCode}`,
      communeViewer,
    ).expect(200);
    expect(theirs.body.items).toEqual([]);
    const province = await get(
      `/api/v1/reports/files?reportKey=dossier-processing&from=2026-06-14&to=2026-06-14&scopeKey=PROVINCE`,
      communeViewer,
    ).expect(200);
    expect(province.body.items).toEqual([]);
    const visible = await get(
      `/api/v1/reports/files?reportKey=dossier-processing&from=2026-06-14&to=2026-06-14&limit=500`,
      provinceViewer,
    ).expect(200);
    const keys = new Set((visible.body.items as FileMeta[]).map((f) => f.scopeKey));
    expect(keys.has('PROVINCE') && keys.has(agencies.provinceCode) && keys.has(agencies.communeCode)).toBe(
      true,
    );
    const provinceFile = (visible.body.items as FileMeta[]).find((f) => f.scopeKey === agencies.provinceCode);
    const refused = await get(`/api/v1/reports/files/${provinceFile?.id}/content`, communeViewer).expect(404);
    expect(refused.body.code).toBe('REPORT_FILE_NOT_FOUND');
    await get('/api/v1/reports/files', specialist).expect(403);
  });

  it('GraphQL lists the files and returns one with its content', async () => {
    const gql = (query: string, variables: Record<string, unknown>, token = communeViewer) =>
      request(app.getHttpServer())
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query, variables })
        .expect(200);
    const list = await gql(
      `query($f: ReportFileFilterInput) { reportFiles(filter: $f, first: 10) {
         items { id periodKind scopeKey format checksumSha256 downloadPath } hasNextPage } }`,
      {
        f: {
          reportKey: 'dossier-processing',
          periodKind: 'HALF_YEAR',
          scopeKey: agencies.communeCode,
          to: '2026-06-14',
        },
      },
    );
    expect(list.body.errors).toBeUndefined();
    const items = list.body.data.reportFiles.items as Array<FileMeta & { downloadPath: string }>;
    expect(items.filter((f) => f.periodKind === 'HALF_YEAR')).toHaveLength(2);
    const [one] = items;
    if (!one) throw new Error('no file listed');
    expect(one.downloadPath).toBe(`/api/v1/reports/files/${one.id}/content`);
    const content = await gql(
      `query($id: ID!) { reportFileContent(id: $id) { file { checksumSha256 } base64 } }`,
      {
        id: one.id,
      },
    );
    expect(sha(Buffer.from(content.body.data.reportFileContent.base64, 'base64'))).toBe(one.checksumSha256);

    // Another unit's file reads as missing, with the code in the GraphQL error.
    const theirs = await gql(
      `query($f: ReportFileFilterInput) { reportFiles(filter: $f, first: 1) { items { id } } }`,
      { f: { reportKey: 'dossier-processing', scopeKey: agencies.provinceCode, to: '2026-06-14' } },
      provinceViewer,
    );
    const theirId = (theirs.body.data.reportFiles.items as Array<{ id: string }>)[0]?.id;
    expect(theirId).toBeDefined();
    const refused = await gql(`query($id: ID!) { reportFileContent(id: $id) { base64 } }`, { id: theirId });
    expect(refused.body.errors[0].extensions.code).toBe('REPORT_FILE_NOT_FOUND');
  });
});
