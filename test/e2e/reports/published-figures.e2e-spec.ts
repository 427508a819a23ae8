import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('catalog, online-share, digitisation and service-index reports over HTTP and GraphQL', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  let specialist: string;
  let q: string;
  let agencyCode: string;

  beforeAll(async () => {
    app = await createTestApp();
    const agencies = await createTestAgencies(app);
    agencyCode = agencies.provinceCode;
    const procedure = await createTestProcedure(app);
    await app
      .get(DataSource)
      .query(`update procedure_versions set online_mode = 'FULL', implementing_agency_id = $2 where id = $1`, [
        procedure.versionId,
        agencies.provinceAgencyId,
      ]);
    const portalKey = await createApiKey(app, { scopes: ['dossiers:write'], agencyCode });
    viewer = await staffToken(app, { username: `rv-${randomUUID().slice(0, 8)}`, roles: ['REPORT_VIEWER'], agencyCode });
    specialist = await staffToken(app, { username: `sp-${randomUUID().slice(0, 8)}`, roles: ['SPECIALIST'], agencyCode });
    const clock = app.get(DossierClock);
    clock.set(new Date('2026-03-02T09:00:00+07:00'));
    try {
      for (const channel of ['ONLINE', 'DIRECT', 'DIRECT']) {
        const res = await request(app.getHttpServer())
          .post('/api/v1/dossiers')
          .set('x-api-key', portalKey)
          .send({ procedureCode: procedure.code, channel, applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true });
        expect(res.status).toBe(201);
      }
    } finally {
      clock.set(null);
    }
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    q = `from=2026-03-01&to=${today}&agencyCode=${encodeURIComponent(agencyCode)}`;
  });
  afterAll(async () => app.close());

  const get = (path: string, token = viewer) =>
    request(app.getHttpServer()).get(path).set('authorization', `Bearer ${token}`);

  it('REST: the online share with its drill-down to exactly the dossiers received online', async () => {
    const r = await get(`/api/v1/reports/online-share?${q}`).expect(200);
    expect(r.body.overall).toMatchObject({ received: 3, online: 1, directOrPostal: 2 });
    expect(r.body.overall.share.basisPoints).toBe(3333);
    const rows = await get(`/api/v1/reports/online-share/dossiers?${q}&column=online&limit=500`).expect(200);
    expect(rows.body.items).toHaveLength(1);
    expect(rows.body.items[0].channel).toBe('ONLINE');
  });

  it('exports every report as XLSX and CSV with Vietnamese headings, and chart JSON', async () => {
    for (const [path, heading] of [
      ['online-share', 'Tỷ lệ trực tuyến'],
      ['catalog', 'Số lượng'],
      ['digitisation', 'Đã số hóa'],
      ['service-index', 'Điểm đạt'],
    ]) {
      const xlsx = await get(`/api/v1/reports/${path}/xlsx?${q}`).buffer(true).parse(binary).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      const cells: string[] = [];
      workbook.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(typeof c.value === 'string' ? c.value : '')));
      expect(cells).toContain(heading);
      const csv = await get(`/api/v1/reports/${path}/csv?${q}`).expect(200);
      expect(csv.text.startsWith('\uFEFF')).toBe(true);
      expect(csv.text).toContain(heading);
      const chart = await get(`/api/v1/reports/${path}/chart?${q}`).expect(200);
      expect(Array.isArray(chart.body.series)).toBe(true);
    }
  });

  it('GraphQL: the service index for the agency, with its online sub-indicator and chart', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${viewer}`)
      .send({
        query: `query($f: ReportFilterInput!) { serviceIndexReport(filter: $f) {
          agencies { agencyCode counts { received receivedOnline inForce offeredOnline offeredOnlineUsed }
                     indicators { code points share { basisPoints } } }
          chart { labels } } }`,
        variables: { f: { from: '2026-03-01', to: q.split('&')[1].slice(3), agencyCode } },
      })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const [agency] = res.body.data.serviceIndexReport.agencies;
    expect(agency.counts).toEqual({ received: 3, receivedOnline: 1, inForce: 1, offeredOnline: 1, offeredOnlineUsed: 1 });
    expect(agency.indicators.find((i: { code: string }) => i.code === '3.3').share.basisPoints).toBe(3333);
  });

  it('refuses callers without a reporting role, a unit outside the scope, and bad periods', async () => {
    expect((await get(`/api/v1/reports/catalog?${q}`, specialist)).status).toBe(403);
    await request(app.getHttpServer()).get(`/api/v1/reports/digitisation?${q}`).expect(401);
    const bad = await get('/api/v1/reports/online-share?kind=QUARTER&year=2026&index=7');
    expect(bad.status).toBe(400);
    const outside = await get(`/api/v1/reports/online-share?${q}&unitCode=01&unitEra=PRE_2025`);
    expect([403, 404]).toContain(outside.status);
  });
});
