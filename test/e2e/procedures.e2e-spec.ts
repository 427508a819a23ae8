import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ProceduresSeeder } from 'src/modules/procedures/seed/procedures.seeder';
import {
  procedureContent,
  uniqueCode,
  uniqueDecisionNumber,
} from 'test/integration/procedures/procedure-fixtures';
import { staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

describe('procedure catalog over REST and GraphQL', () => {
  let app: NestFastifyApplication;
  let admin: string;
  let specialist: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    await app.get(DataSource).transaction((m) => new ProceduresSeeder().run(m));
    admin = await staffToken(app, { username: 'procedures-e2e-admin', roles: ['ADMIN'] });
    specialist = await staffToken(app, { username: 'procedures-e2e-specialist', roles: ['SPECIALIST'] });
  });
  afterAll(() => app.close());

  describe('public endpoints (no login)', () => {
    it('list the catalog in force with documents, fees and time limits', async () => {
      const res = await http().get('/api/v1/public/procedures?limit=100').expect(200);
      expect(res.body.totalCount).toBeGreaterThanOrEqual(66);
      expect(res.body.items[0]).toHaveProperty('documents');
      expect(res.body.items[0]).toHaveProperty('fees');
      expect(res.body.items[0]).toHaveProperty('timeLimitDisplay');
    });

    it('show a missing time limit as "not stated in the source", never as a number', async () => {
      const res = await http().get('/api/v1/public/procedures/1.001978').expect(200);
      expect(res.body.name).toBe('Giải quyết trợ cấp thất nghiệp');
      expect(res.body.timeLimit).toBeNull();
      expect(res.body.timeLimitDisplay).toBe('Nguồn không ghi (not stated in the source)');
      expect(res.body.notStatedFields).toEqual(expect.arrayContaining(['timeLimit', 'fees', 'documents']));
    });

    it('show a stated limit in Vietnamese wording', async () => {
      const res = await http().get('/api/v1/public/procedures/1.014200.H05').expect(200);
      expect(res.body.timeLimitDisplay).toBe('03 ngày làm việc');
    });

    it('search without diacritics', async () => {
      const res = await http().get('/api/v1/public/procedures').query({ q: 'ho ngheo' }).expect(200);
      expect(res.body.items.map((i: { name: string }) => i.name)).toContain(
        'Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm',
      );
    });

    it('answer an unknown code with problem+json PROCEDURE_NOT_FOUND', async () => {
      const res = await http().get('/api/v1/public/procedures/9.999999').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('PROCEDURE_NOT_FOUND');
      const garbage = await http().get('/api/v1/public/procedures/not-a-code').expect(404);
      expect(garbage.body.code).toBe('PROCEDURE_NOT_FOUND');
    });
  });

  describe('staff endpoints', () => {
    it('need a login', async () => {
      const res = await http().get('/api/v1/procedures').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuse decisions from a non-admin with FORBIDDEN', async () => {
      const code = uniqueCode();
      const res = await http()
        .post('/api/v1/procedure-decisions')
        .set('authorization', `Bearer ${specialist}`)
        .send({
          number: uniqueDecisionNumber(),
          signedOn: '2026-01-05',
          effectiveFrom: '2026-01-05',
          items: [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }],
        })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('create, amend and read back a procedure through decisions, with history and diff', async () => {
      const code = uniqueCode();
      const auth = { authorization: `Bearer ${admin}` };
      const draft = await http()
        .post('/api/v1/procedure-decisions')
        .set(auth)
        .send({
          number: uniqueDecisionNumber(),
          signer: 'Chủ tịch UBND tỉnh',
          signedOn: '2026-01-05',
          effectiveFrom: '2026-01-05',
          items: [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }],
        })
        .expect(201);
      expect(draft.body.status).toBe('DRAFT');
      await http().get(`/api/v1/procedures/${code}`).set(auth).expect(404);
      const applied = await http()
        .post(`/api/v1/procedure-decisions/${draft.body.id}/apply`)
        .set(auth)
        .expect(200);
      expect(applied.body.status).toBe('APPLIED');
      await http().post(`/api/v1/procedure-decisions/${draft.body.id}/apply`).set(auth).expect(409);

      await http()
        .post('/api/v1/procedure-decisions')
        .set(auth)
        .send({
          number: uniqueDecisionNumber(),
          signedOn: '2026-02-20',
          effectiveFrom: '2026-03-01',
          apply: true,
          items: [
            {
              action: 'AMENDED',
              procedureCode: code,
              content: procedureContent(code, {
                timeLimit: { amount: 2, unit: 'WORKING_DAYS' },
                steps: [
                  {
                    name: 'Tiếp nhận',
                    role: 'RECEPTION_OFFICER',
                    budget: { amount: 4, unit: 'WORKING_HOURS' },
                  },
                  { name: 'Giải quyết', role: 'SPECIALIST', budget: { amount: 1.5, unit: 'WORKING_DAYS' } },
                ],
              }),
            },
          ],
        })
        .expect(201);

      const old = await http()
        .get(`/api/v1/procedures/${code}`)
        .query({ onDate: '2026-02-27' })
        .set(auth)
        .expect(200);
      expect(old.body.timeLimit).toMatchObject({ amount: 10, unit: 'WORKING_DAYS' });
      const now = await http()
        .get(`/api/v1/procedures/${code}`)
        .query({ onDate: '2026-03-01' })
        .set(auth)
        .expect(200);
      expect(now.body.timeLimit).toMatchObject({ amount: 2, unit: 'WORKING_DAYS', text: '02 ngày làm việc' });
      const history = await http().get(`/api/v1/procedures/${code}/versions`).set(auth).expect(200);
      expect(history.body.map((v: { versionNo: number }) => v.versionNo)).toEqual([1, 2]);
      const diff = await http().get(`/api/v1/procedures/${code}/diff`).set(auth).expect(200);
      expect(diff.body.changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ section: 'TIME_LIMIT', path: 'timeLimit' })]),
      );
      const version = await http().get(`/api/v1/procedure-versions/${old.body.id}`).set(auth).expect(200);
      expect(version.body.validTo).toBe('2026-03-01');

      const audit = await app
        .get(DataSource)
        .query<Array<{ action: string }>>(
          `select action from audit_events where entity_type = 'procedure' and entity_id = $1`,
          [code],
        );
      expect(audit.map((a) => a.action).sort()).toEqual(['AMEND', 'CREATE']);
    });

    it('answer step budgets that do not add up with 422 PROCEDURE_STEP_BUDGET_MISMATCH', async () => {
      const code = uniqueCode();
      const res = await http()
        .post('/api/v1/procedure-decisions')
        .set('authorization', `Bearer ${admin}`)
        .send({
          number: uniqueDecisionNumber(),
          signedOn: '2026-01-05',
          effectiveFrom: '2026-01-05',
          items: [
            {
              action: 'NEW',
              procedureCode: code,
              content: procedureContent(code, { timeLimit: { amount: 15, unit: 'WORKING_DAYS' } }),
            },
          ],
        })
        .expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('PROCEDURE_STEP_BUDGET_MISMATCH');
    });

    it('answer malformed input with 400 VALIDATION_FAILED', async () => {
      const res = await http()
        .post('/api/v1/procedure-decisions')
        .set('authorization', `Bearer ${admin}`)
        .send({ number: 'x', signedOn: '5/1/2026', effectiveFrom: '2026-01-05', items: [], extra: 1 })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('publish a decision through the GraphQL mutation and read the history back', async () => {
      const code = uniqueCode();
      const content = procedureContent(code);
      const gql = (query: string, variables: Record<string, unknown>, token = admin) =>
        http()
          .post('/graphql')
          .set('authorization', `Bearer ${token}`)
          .send({ query, variables })
          .expect(200);
      const mutation = `mutation ($input: CreateDecisionInput!) {
        createProcedureDecision(input: $input) { status items { action procedureCode resultingVersionId } } }`;
      const input = {
        number: uniqueDecisionNumber(),
        signedOn: '2026-01-05',
        effectiveFrom: '2026-01-05',
        apply: true,
        items: [{ action: 'NEW', procedureCode: code, content }],
      };
      const denied = await gql(mutation, { input }, specialist);
      expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const created = await gql(mutation, { input });
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.createProcedureDecision).toMatchObject({ status: 'APPLIED' });
      const history = await gql(
        `query ($code: String!) { procedureHistory(code: $code) { versionNo timeLimitDisplay documents { code } steps { seq budget { text } } } }`,
        { code },
      );
      expect(history.body.data.procedureHistory).toEqual([
        {
          versionNo: 1,
          timeLimitDisplay: '10 ngày làm việc',
          documents: [{ code: 'DON' }, { code: 'CCCD' }],
          steps: [
            { seq: 1, budget: { text: '04 giờ làm việc' } },
            { seq: 2, budget: { text: '08 ngày làm việc' } },
            { seq: 3, budget: { text: '1,5 ngày làm việc' } },
          ],
        },
      ]);
      const missing = await gql(`{ procedure(code: "9.999998") { name } }`, {});
      expect(missing.body.errors[0].extensions.code).toBe('PROCEDURE_NOT_FOUND');
    });

    it('search over GraphQL ignoring diacritics, and report statistics', async () => {
      const res = await http()
        .post('/graphql')
        .set('authorization', `Bearer ${specialist}`)
        .send({
          query: `{ procedures(q: "tro cap that nghiep", first: 5) { totalCount items { code name timeLimitDisplay } }
                    procedureStatistics { total byOnlineMode { key count } } }`,
        })
        .expect(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.procedures.items[0]).toMatchObject({ code: '1.001978' });
      const stats = res.body.data.procedureStatistics;
      expect(stats.byOnlineMode.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(
        stats.total,
      );
    });
  });
});
