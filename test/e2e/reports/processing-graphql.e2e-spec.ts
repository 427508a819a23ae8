import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const REPORT = `query($f: DossierProcessingReportInput!) {
  dossierProcessingReport(filter: $f) {
    filters { from to unitCode procedureCode level }
    lines { fieldCode level received receivedOnline }
    total { received receivedOnline receivedDirectOrPostal carriedOver resolved inProgress inProgressWithinTime }
    onTimeRateBasisPoints onTimeRate consistencyErrors generatedAt asOf source
    chart { labels series { key name nameEn kind data } }
  }
}`;

const DRILL = `query($f: DossierProcessingReportInput!, $c: String!, $first: Int, $after: String) {
  dossierProcessingDossiers(filter: $f, column: $c, first: $first, after: $after) {
    items { id code fieldCode level } endCursor hasNextPage
  }
}`;

describe('Form II.06a over GraphQL (and the REST chart route)', () => {
  let app: NestFastifyApplication;
  let viewer: string;
  let communeViewer: string;
  let specialist: string;
  let procedureCode: string;
  let filter: Record<string, unknown>;

  beforeAll(async () => {
    app = await createTestApp();
    const agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    filter = { kind: 'QUARTER', year: 2026, index: 1, procedureCode }; // 2025-12-15 … 2026-03-14
    const portalKey = await createApiKey(app, {
      scopes: ['dossiers:write'],
      agencyCode: agencies.provinceCode,
    });
    const token = (roles: Parameters<typeof staffToken>[1]['roles'], agencyCode: string) =>
      staffToken(app, { username: `pg-${randomUUID().slice(0, 8)}`, roles, agencyCode });
    viewer = await token(['REPORT_VIEWER'], agencies.provinceCode);
    communeViewer = await token(['REPORT_VIEWER'], agencies.communeCode);
    specialist = await token(['SPECIALIST'], agencies.provinceCode);
    const clock = app.get(DossierClock);
    clock.set(new Date('2026-03-02T09:00:00+07:00'));
    for (const channel of ['ONLINE', 'DIRECT', 'DIRECT']) {
      const res = await request(app.getHttpServer())
        .post('/api/v1/dossiers')
        .set('x-api-key', portalKey)
        .send({ procedureCode, channel, applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true });
      expect(res.status).toBe(201);
    }
    clock.set(null);
  });
  afterAll(async () => app.close());

  const gql = (query: string, variables: Record<string, unknown>, token = viewer) =>
    request(app.getHttpServer())
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send({ query, variables })
      .expect(200);

  it('answers the form for one procedure: lines, total, rules holding, echo and chart', async () => {
    const res = await gql(REPORT, { f: filter });
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data.dossierProcessingReport;
    expect(r.filters).toMatchObject({ from: '2025-12-15', to: '2026-03-14', procedureCode, unitCode: null });
    expect(r.total).toMatchObject({
      received: 3,
      receivedOnline: 1,
      receivedDirectOrPostal: 2,
      carriedOver: 0,
      resolved: 0,
      inProgress: 3,
    });
    expect(r.consistencyErrors).toEqual([]);
    expect(r.onTimeRateBasisPoints).toBeNull();
    expect(r.onTimeRate).toBeNull();
    expect(typeof r.asOf).toBe('string');
    expect(r.chart.labels).toHaveLength(r.lines.length);
    const received = r.chart.series.find((s: { key: string }) => s.key === 'received');
    expect(received).toMatchObject({
      name: 'Tiếp nhận – Tổng số',
      nameEn: 'Received – total',
      kind: 'count',
    });
    expect(received.data.reduce((a: number, b: number) => a + b, 0)).toBe(3);
  });

  it('narrows by handling level (no dossier of this procedure is handled at district level)', async () => {
    const res = await gql(REPORT, { f: { ...filter, level: 'DISTRICT' } });
    expect(res.body.data.dossierProcessingReport.total.received).toBe(0);
    expect(res.body.data.dossierProcessingReport.filters.level).toBe('DISTRICT');
  });

  it('pages through the dossiers behind a figure with first/after', async () => {
    const first = await gql(DRILL, { f: filter, c: 'receivedDirectOrPostal', first: 1 });
    const page1 = first.body.data.dossierProcessingDossiers;
    expect(page1.items).toHaveLength(1);
    expect(page1.hasNextPage).toBe(true);
    const second = await gql(DRILL, {
      f: filter,
      c: 'receivedDirectOrPostal',
      first: 1,
      after: page1.endCursor,
    });
    const page2 = second.body.data.dossierProcessingDossiers;
    expect(page2.items).toHaveLength(1);
    expect(page2.hasNextPage).toBe(false);
    expect(page2.items[0].code > page1.items[0].code).toBe(true);
    const online = await gql(DRILL, { f: filter, c: 'receivedOnline', first: 500 });
    expect(online.body.data.dossierProcessingDossiers.items).toHaveLength(1);
  });

  it('refuses a unit outside the caller scope with OUT_OF_SCOPE, and a page over 500', async () => {
    const res = await gql(REPORT, { f: { ...filter, unitCode: '97' } }, communeViewer);
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('OUT_OF_SCOPE');
    const drill = await gql(DRILL, { f: { ...filter, unitCode: '97' }, c: 'received' }, communeViewer);
    expect(drill.body.errors[0].extensions.code).toBe('OUT_OF_SCOPE');
    const big = await gql(DRILL, { f: filter, c: 'received', first: 501 });
    expect(big.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    // In scope, the same unit answers.
    const own = await gql(REPORT, { f: { ...filter, unitCode: '97' } });
    expect(own.body.data.dossierProcessingReport.total.received).toBe(3);
  });

  it('refuses callers without a reporting role', async () => {
    const res = await gql(REPORT, { f: filter }, specialist);
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('REST: the same filters, and the chart-ready JSON route', async () => {
    const q = `kind=QUARTER&year=2026&index=1&procedureCode=${procedureCode}`;
    const get = (path: string) =>
      request(app.getHttpServer()).get(path).set('authorization', `Bearer ${viewer}`).expect(200);
    const report = await get(`/api/v1/reports/dossier-processing?${q}`);
    expect(report.body.total.received).toBe(3);
    expect(report.body.filters.procedureCode).toBe(procedureCode);
    const chart = await get(`/api/v1/reports/dossier-processing/chart?${q}`);
    expect(chart.body.labels).toHaveLength(report.body.lines.length);
    expect(chart.body.series.map((s: { key: string }) => s.key)).toContain('inProgressOverdue');
  });
});
