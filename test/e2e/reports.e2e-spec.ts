import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { FORM_HEADINGS } from 'src/modules/reports/processing/processing-report.export';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('Form II.06a over HTTP', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  let specialist: string;
  const Q1_2026 = 'kind=QUARTER&year=2026&index=1'; // 2025-12-15 … 2026-03-14

  beforeAll(async () => {
    app = await createTestApp();
    const agencies = await createTestAgencies(app);
    const procedureCode = (await createTestProcedure(app)).code;
    const portalKey = await createApiKey(app, {
      scopes: ['dossiers:write'],
      agencyCode: agencies.provinceCode,
    });
    viewer = await staffToken(app, {
      username: `rv-${randomUUID().slice(0, 8)}`,
      roles: ['REPORT_VIEWER'],
      agencyCode: agencies.provinceCode,
    });
    specialist = await staffToken(app, {
      username: `sp-${randomUUID().slice(0, 8)}`,
      roles: ['SPECIALIST'],
      agencyCode: agencies.provinceCode,
    });
    const clock = app.get(DossierClock);
    clock.set(new Date('2026-03-02T09:00:00+07:00'));
    for (const channel of ['ONLINE', 'DIRECT']) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/dossiers')
        .set('x-api-key', portalKey)
        .send({ procedureCode, channel, applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true });
      expect(res.status).toBe(201);
    }
    clock.set(null);
  });
  afterAll(async () => app.close());

  const get = (path: string, token = viewer) =>
    request(app.getHttpServer()).get(path).set('authorization', `Bearer ${token}`);

  it('reports the dossiers received in the period, with the form rules holding', async () => {
    const res = await get(`/api/v1/reports/dossier-processing?${Q1_2026}`).expect(200);
    expect(res.body.period).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(res.body.consistencyErrors).toEqual([]);
    expect(res.body.total.received).toBeGreaterThanOrEqual(2);
    expect(res.body.total.receivedOnline).toBeGreaterThanOrEqual(1);
    expect(res.body.total.inProgress).toBeGreaterThanOrEqual(2);
  });

  it('drills down to the dossiers behind a figure', async () => {
    const report = await get(`/api/v1/reports/dossier-processing?${Q1_2026}`).expect(200);
    const rows = await get(
      `/api/v1/reports/dossier-processing/dossiers?${Q1_2026}&column=receivedOnline&limit=500`,
    ).expect(200);
    expect(rows.body.items).toHaveLength(report.body.total.receivedOnline);
  });

  it('exports the form as a spreadsheet with the official Vietnamese headings', async () => {
    const res = await get(`/api/v1/reports/dossier-processing/xlsx?${Q1_2026}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="bieu-II.06a.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.getWorksheet('Biểu II.06a');
    expect(sheet?.getRow(3).values).toEqual([undefined, ...FORM_HEADINGS]);
    const csv = await get(`/api/v1/reports/dossier-processing/csv?${Q1_2026}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="bieu-II.06a.csv"');
    expect(csv.text.split('\r\n')[0]).toContain('Tiếp nhận – Trực tuyến');
  });

  it('documents every report download in OpenAPI with the media type it answers', async () => {
    const doc = (await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const downloads = Object.entries(doc.paths).filter(([path]) =>
      /^\/api\/v1\/reports\/.*\/?(xlsx|csv)$/.test(path),
    );
    expect(downloads.length).toBeGreaterThanOrEqual(20);
    for (const [path, item] of downloads) {
      const media = path.endsWith('xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv';
      const produced = Object.values(item.get?.responses ?? {}).flatMap((r) => Object.keys(r.content ?? {}));
      expect({ path, produced }).toEqual({ path, produced: expect.arrayContaining([media]) });
    }
  });

  it('refuses callers without a reporting role, and bad periods', async () => {
    await request(app.getHttpServer()).get(`/api/v1/reports/dossier-processing?${Q1_2026}`).expect(401);
    expect((await get(`/api/v1/reports/dossier-processing?${Q1_2026}`, specialist)).status).toBe(403);
    const bad = await get('/api/v1/reports/dossier-processing?kind=QUARTER&year=2026&index=7');
    expect(bad.status).toBe(400);
    const missing = await get('/api/v1/reports/dossier-processing');
    expect(missing.body.code).toBe('VALIDATION_FAILED');
  });
});
