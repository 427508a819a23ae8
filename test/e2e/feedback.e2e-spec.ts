import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';
import { createApiKey, ensureTestAgency, ensureTestUnit, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('citizen feedback, petitions and reception', () => {
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let leader: string;
  let specialist: string;
  let portalKey: string;
  let otherProvinceLeader: string;
  const agencyCode = 'FB.TEST.H97';

  beforeAll(async () => {
    app = await createTestApp();
    http = request(app.getHttpServer());
    const province = await ensureTestUnit(app, { code: '97', name: 'Tỉnh Phản Ánh' });
    await ensureTestAgency(app, { code: agencyCode, unitId: province });
    const otherProvince = await ensureTestUnit(app, { code: '96', name: 'Tỉnh Khác' });
    await ensureTestAgency(app, { code: 'FB.OTHER.H96', unitId: otherProvince });
    leader = await staffToken(app, { username: 'fb-leader', roles: ['LEADER'], agencyCode });
    specialist = await staffToken(app, { username: 'fb-specialist', roles: ['SPECIALIST'], agencyCode });
    otherProvinceLeader = await staffToken(app, {
      username: 'fb-other',
      roles: ['LEADER'],
      agencyCode: 'FB.OTHER.H96',
    });
    portalKey = await createApiKey(app, { scopes: ['feedback:write'], agencyCode });
  });
  afterAll(async () => app.close());

  const submission = (ref: string) => ({
    kind: 'FEEDBACK',
    agencyCode,
    procedureCode: '1.001776',
    submitterName: 'Nguyễn Thị Bình',
    submitterContact: '0912345678',
    subject: 'Chậm chi trả trợ cấp',
    content: 'Tháng này chưa nhận được trợ cấp.',
    portalReference: ref,
  });

  it('a portal submits feedback with an API key; a retry with the same reference returns the first record', async () => {
    const first = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-1'))
      .expect(201);
    const again = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-1'))
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({
      source: 'PORTAL',
      state: 'RECEIVED',
      code: expect.stringMatching(/^PAKN-\d{6}-\d{4,}$/),
    });
    const calendar = app.get(WorkingCalendarService);
    expect(first.body.responseDueOn).toBe(calendar.addWorkingDays(first.body.receivedOn, 15));
    expect(JSON.stringify(first.body)).not.toContain('0912345678');
  });

  it('walks received → assigned → answered → published, and the published answer carries no personal data', async () => {
    const created = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-2'))
      .expect(201);
    const [officer] = await app
      .get(DataSource)
      .query(`select id from staff_users where username = 'fb-specialist'`);
    const assigned = await http
      .post(`/api/v1/feedback/${created.body.id}/assign`)
      .set('authorization', `Bearer ${leader}`)
      .send({ assigneeId: officer.id, version: created.body.version })
      .expect(201);
    const answered = await http
      .post(`/api/v1/feedback/${created.body.id}/answer`)
      .set('authorization', `Bearer ${specialist}`)
      .send({ answer: 'Đã chi trả ngày 10.', version: assigned.body.version });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ state: 'ANSWERED', answeredOnTime: true });
    await http
      .post(`/api/v1/feedback/${created.body.id}/publish`)
      .set('authorization', `Bearer ${leader}`)
      .send({ version: answered.body.version })
      .expect(201);
    const published = await http.get('/api/v1/public/feedback?limit=500').expect(200);
    const mine = published.body.items.find((i: { code: string }) => i.code === created.body.code);
    expect(mine).toMatchObject({ answer: 'Đã chi trả ngày 10.' });
    expect(mine).not.toHaveProperty('submitterName');
  });

  it('refuses an illegal transition with 409 FEEDBACK_ILLEGAL_TRANSITION and a stale version with VERSION_CONFLICT', async () => {
    const created = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-3'))
      .expect(201);
    const publish = await http
      .post(`/api/v1/feedback/${created.body.id}/publish`)
      .set('authorization', `Bearer ${leader}`)
      .send({ version: created.body.version });
    expect(publish.status).toBe(409);
    expect(publish.body.code).toBe('FEEDBACK_ILLEGAL_TRANSITION');
    await http
      .post(`/api/v1/feedback/${created.body.id}/reject`)
      .set('authorization', `Bearer ${leader}`)
      .send({ reason: 'Không thuộc thẩm quyền', version: created.body.version })
      .expect(201);
    const answerAfterReject = await http
      .post(`/api/v1/feedback/${created.body.id}/answer`)
      .set('authorization', `Bearer ${specialist}`)
      .send({ answer: 'x', version: created.body.version + 1 });
    expect(answerAfterReject.body.code).toBe('FEEDBACK_ILLEGAL_TRANSITION');

    const other = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-3b'))
      .expect(201);
    const [officer] = await app
      .get(DataSource)
      .query(`select id from staff_users where username = 'fb-specialist'`);
    const assign = (version: number) =>
      http
        .post(`/api/v1/feedback/${other.body.id}/assign`)
        .set('authorization', `Bearer ${leader}`)
        .send({ assigneeId: officer.id, version });
    expect((await assign(other.body.version)).status).toBe(201);
    const stale = await assign(other.body.version);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: other.body.version + 1 });
  });

  it('keeps feedback inside the administrative scope: another province sees neither the list nor the record', async () => {
    const created = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send(submission('portal-4'))
      .expect(201);
    const list = await http
      .get('/api/v1/feedback?limit=500')
      .set('authorization', `Bearer ${otherProvinceLeader}`)
      .expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
    const one = await http
      .get(`/api/v1/feedback/${created.body.id}`)
      .set('authorization', `Bearer ${otherProvinceLeader}`);
    expect(one.status).toBe(404);
    expect(one.body.code).toBe('FEEDBACK_NOT_FOUND');
  });

  it('validates input at the edge', async () => {
    const res = await http
      .post('/api/v1/feedback')
      .set('x-api-key', portalKey)
      .send({ ...submission('portal-5'), kind: 'COMPLAINT', unknownField: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('records citizen receptions and counts them with feedback handled on time', async () => {
    const reception = await staffToken(app, {
      username: 'fb-reception',
      roles: ['RECEPTION_OFFICER'],
      agencyCode,
    });
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await http
      .post('/api/v1/citizen-receptions')
      .set('authorization', `Bearer ${reception}`)
      .send({
        receivedOn: today,
        topic: 'MERITORIOUS_POLICY',
        visitors: 3,
        summary: 'Hỏi chế độ thờ cúng liệt sĩ',
        outcome: 'GUIDED',
      })
      .expect(201);
    const from = '2000-01-01';
    const to = '2100-01-01';
    const stats = await http
      .get(`/api/v1/feedback/stats?from=${from}&to=${to}`)
      .set('authorization', `Bearer ${leader}`)
      .expect(200);
    expect(stats.body.citizensReceived).toBeGreaterThanOrEqual(3);
    expect(stats.body.received).toBeGreaterThanOrEqual(4);
    expect(stats.body.answeredOnTime).toBeGreaterThanOrEqual(1);
    expect(stats.body.publishedOnTime).toBeGreaterThanOrEqual(1);
    expect(stats.body.rejected).toBeGreaterThanOrEqual(1);
  });
});
