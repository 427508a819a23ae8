import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

// Overrides are global: this file only writes in 2095 so other test files never see its changes.
describe('calendar over REST and GraphQL', () => {
  let app: NestFastifyApplication;
  let adminToken: string;
  let officerToken: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    adminToken = await staffToken(app, { username: 'cal-admin', roles: ['ADMIN'] });
    officerToken = await staffToken(app, { username: 'cal-officer', roles: ['RECEPTION_OFFICER'] });
  });
  afterAll(() => app.close());

  it('GET /calendar/years/2026 lists every day with its kind, reason and lunar date (any role)', async () => {
    await http().get('/api/v1/calendar/years/2026').expect(401);
    const res = await http().get('/api/v1/calendar/years/2026').set('authorization', `Bearer ${officerToken}`).expect(200);
    expect(res.body.days).toHaveLength(365);
    const tet = res.body.days.find((d: { date: string }) => d.date === '2026-02-17');
    expect(tet).toMatchObject({ working: false, holiday: 'TET', lunar: '1/1' });
    await http().get('/api/v1/calendar/years/1989').set('authorization', `Bearer ${officerToken}`).expect(422);
  });

  it('POST /calendar/calculator is public and explains the worked example (16:00 Fri 13 Feb 2026, 5 days)', async () => {
    const res = await http()
      .post('/api/v1/calendar/calculator')
      .send({ anchorAt: '2026-02-13T16:00:00+07:00', budgetAmount: 5, budgetUnit: 'WORKING_DAYS' })
      .expect(200);
    expect(res.body).toMatchObject({ countingStart: '2026-02-23', dueDate: '2026-02-27', due: '2026-02-27T16:59:59.999Z' });
    expect(res.body.explanation.skipped[0]).toMatchObject({ date: '2026-02-13', kind: 'AFTER_CUTOFF' });
    const bad = await http()
      .post('/api/v1/calendar/calculator')
      .send({ anchorAt: '2026-02-13T16:00:00+07:00', anchorDate: '2026-02-13', budgetAmount: 5, budgetUnit: 'WORKING_DAYS' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await http().post('/api/v1/calendar/calculator').send({ anchorDate: '2026-02-13', budgetAmount: 5, budgetUnit: 'DAYS' }).expect(400);
  });

  it('overrides: ADMIN only writes, every change bumps the version, history is kept', async () => {
    const body = { kind: 'DAY_OFF', reason: 'E2E test day off', documentNumber: 'E2E-1/2095' };
    await http().post('/api/v1/calendar/overrides/2095-06-15').set('authorization', `Bearer ${officerToken}`).send(body).expect(403);
    const created = await http().post('/api/v1/calendar/overrides/2095-06-15').set('authorization', `Bearer ${adminToken}`).send(body).expect(201);
    expect(created.body).toMatchObject({ date: '2095-06-15', kind: 'DAY_OFF', unconfirmed: false });
    const day = await http().get('/api/v1/calendar/days/2095-06-15').set('authorization', `Bearer ${officerToken}`).expect(200);
    expect(day.body).toMatchObject({ working: false, kind: 'ANNOUNCED_DAY_OFF', documentNumber: 'E2E-1/2095' });
    const list = await http().get('/api/v1/calendar/overrides?year=2095').set('authorization', `Bearer ${officerToken}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    const removed = await http().delete('/api/v1/calendar/overrides/2095-06-15').set('authorization', `Bearer ${adminToken}`).expect(200);
    expect(removed.body.calendarVersion).toBe(created.body.createdInVersion + 1);
    const history = await http().get('/api/v1/calendar/overrides/2095-06-15/history').set('authorization', `Bearer ${officerToken}`).expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].retiredInVersion).toBe(removed.body.calendarVersion);
  });

  it('GraphQL: public calculator, calendar year and ADMIN-only mutations', async () => {
    const calc = await http()
      .post('/graphql')
      .send({
        query: `query($i: DueDateCalculatorInput!) { dueDateCalculation(input: $i) { dueDate calendarVersion explanation { skipped { date kind } } } }`,
        variables: { i: { anchorDate: '2026-03-09', budgetAmount: 10, budgetUnit: 'WORKING_DAYS', pauses: [{ from: '2026-03-11', to: '2026-03-16', reason: 'supplement' }] } },
      })
      .expect(200);
    expect(calc.body.data.dueDateCalculation.dueDate).toBe('2026-03-25');
    const year = await http()
      .post('/graphql')
      .set('authorization', `Bearer ${officerToken}`)
      .send({ query: `{ calendarYear(year: 2025) { workingDays days { date kind } } }` })
      .expect(200);
    expect(year.body.data.calendarYear.days).toHaveLength(365);
    const denied = await http()
      .post('/graphql')
      .set('authorization', `Bearer ${officerToken}`)
      .send({ query: `mutation { removeCalendarOverride(date: "2095-06-16") { calendarVersion } }` });
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
