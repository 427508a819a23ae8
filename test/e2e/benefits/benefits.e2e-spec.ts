import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  benefitsCommune,
  personWithSocialProtection,
  seedBenefitRules,
} from 'test/integration/benefits/benefits-fixtures';
import { ensureTestAgency, staffToken } from 'test/utils/auth';
import { createTestApp } from 'test/utils/test-app';

const ACCOUNT = '7766554433221100';

describe('benefits over REST and GraphQL: roles, scope, masking', () => {
  let app: NestFastifyApplication;
  let officer: string;
  let leader: string;
  let outsider: string;
  let commune: string;
  const bodies: string[] = [];
  const http = () => request(app.getHttpServer());
  const keep = <T extends { text: string }>(res: T): T => {
    bodies.push(res.text);
    return res;
  };

  beforeAll(async () => {
    app = await createTestApp();
    await seedBenefitRules(app);
    ({ commune } = await benefitsCommune(app));
    await ensureTestAgency(app, { code: 'TEST.BENEFITS.XA', unitId: commune });
    officer = await staffToken(app, {
      username: 'benefits-officer',
      roles: ['DATA_OFFICER'],
      agencyCode: 'TEST.BENEFITS.XA',
    });
    leader = await staffToken(app, {
      username: 'benefits-leader',
      roles: ['LEADER'],
      agencyCode: 'TEST.BENEFITS.XA',
    });
    const { commune: other } = await benefitsCommune(app);
    await ensureTestAgency(app, { code: 'TEST.BENEFITS.KHAC', unitId: other });
    outsider = await staffToken(app, {
      username: 'benefits-outsider',
      roles: ['LEADER', 'DATA_OFFICER'],
      agencyCode: 'TEST.BENEFITS.KHAC',
    });
  });
  afterAll(() => app.close());

  it('DATA_OFFICER prepares, LEADER approves, account numbers appear only in the bank file and the audited reveal', async () => {
    const p = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Hoàng Thị Chín',
      groupCode: 'K6_SEVERE',
      validFrom: '2025-03-01',
    });
    const ent = keep(
      await http().post('/api/v1/benefits/entitlements').set('authorization', `Bearer ${officer}`).send(p),
    );
    expect(ent.status).toBe(201);
    expect(ent.body).toMatchObject({ ruleKey: 'K6_SEVERE', startDate: '2025-03-01' });
    const acc = keep(
      await http().post('/api/v1/benefits/payment-accounts').set('authorization', `Bearer ${officer}`).send({
        personId: p.personId,
        method: 'BANK',
        bankCode: 'AGRIBANK',
        accountNumber: ACCOUNT,
        holderName: 'HOANG THI CHIN',
      }),
    );
    expect(acc.status).toBe(201);
    expect(acc.body.accountNumberMasked).toBe('••••••1100');

    expect(
      (
        await http()
          .post('/api/v1/benefits/payment-cycles')
          .set('authorization', `Bearer ${leader}`)
          .send({ unitId: commune, period: '2025-03' })
      ).status,
    ).toBe(403);
    expect(
      (
        await http()
          .post('/api/v1/benefits/payment-cycles')
          .set('authorization', `Bearer ${outsider}`)
          .send({ unitId: commune, period: '2025-03' })
      ).status,
    ).toBe(403);
    const computed = keep(
      await http()
        .post('/api/v1/benefits/payment-cycles')
        .set('authorization', `Bearer ${officer}`)
        .send({ unitId: commune, period: '2025-03' }),
    );
    expect(computed.status).toBe(200);
    expect(computed.body.cycle).toMatchObject({
      state: 'DRAFT',
      lineCount: 1,
      totalAmount: 750_000,
      listDueDate: '2025-02-25',
      reportDueDate: '2025-03-20',
    });
    const cycleId = computed.body.cycle.id as string;

    expect(
      (
        await http()
          .get(`/api/v1/benefits/payment-cycles/${cycleId}`)
          .set('authorization', `Bearer ${outsider}`)
      ).status,
    ).toBe(404);
    const approveMutation = `mutation($id: String!) { approvePaymentCycle(id: $id, input: { expectedTotalAmount: 750000, expectedLineCount: 1 }) { state approvedBy } }`;
    const denied = await http()
      .post('/graphql')
      .set('authorization', `Bearer ${officer}`)
      .send({ query: approveMutation, variables: { id: cycleId } });
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const approved = keep(
      await http()
        .post('/graphql')
        .set('authorization', `Bearer ${leader}`)
        .send({ query: approveMutation, variables: { id: cycleId } }),
    );
    expect(approved.body.data.approvePaymentCycle.state).toBe('APPROVED');

    const lines = keep(
      await http()
        .get(`/api/v1/benefits/payment-cycles/${cycleId}/lines`)
        .set('authorization', `Bearer ${leader}`),
    );
    expect(lines.body.items[0]).toMatchObject({
      kind: 'REGULAR',
      amount: 750_000,
      paymentMethod: 'BANK',
      explanation: '500000 × 1.5 = 750000 VND (K6_SEVERE, tháng 03/2025)',
    });
    keep(
      await http()
        .post('/graphql')
        .set('authorization', `Bearer ${leader}`)
        .send({
          query: `query($p: String!, $c: String!) { paymentAccounts(personId: $p) { accountNumberMasked holderNameMasked }
                paymentCycleLines(cycleId: $c) { items { instructionId amount explanation } } }`,
          variables: { p: p.personId, c: cycleId },
        }),
    );
    keep(
      await http()
        .get(`/api/v1/benefits/people/${p.personId}/payment-accounts`)
        .set('authorization', `Bearer ${officer}`),
    );
    const coverage = keep(
      await http()
        .get(`/api/v1/benefits/statistics/coverage?date=2025-03-15&unitId=${commune}`)
        .set('authorization', `Bearer ${leader}`),
    );
    expect(coverage.body.total).toMatchObject({ eligible: 1, withAccount: 1, sharePercent: '100.00' });

    const file = await http()
      .post(`/api/v1/benefits/payment-cycles/${cycleId}/bank-file?format=CSV`)
      .set('authorization', `Bearer ${officer}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.text).toContain(ACCOUNT);
    const revealed = await http()
      .post(`/api/v1/benefits/payment-accounts/${acc.body.id}/reveal`)
      .set('authorization', `Bearer ${officer}`);
    expect(revealed.body.accountNumber).toBe(ACCOUNT);

    for (const body of bodies) expect(body).not.toContain(ACCOUNT);
    const [audit] = await app.get(DataSource).query<Array<{ n: number }>>(
      `select count(*)::int as n from audit_events where entity_id in ($1, $2)
         and action in ('VIEW_PERSONAL_DATA', 'BENEFIT_BANK_FILE_EXPORT', 'BENEFIT_CYCLE_APPROVE')`,
      [acc.body.id, cycleId],
    );
    expect(audit.n).toBe(3);
  });

  it('the calculator explains an amount over REST', async () => {
    const res = await http()
      .get('/api/v1/benefits/calculation?scheme=MERIT&ruleTable=APPENDIX_II&ruleKey=81&month=2024-07')
      .set('authorization', `Bearer ${leader}`);
    expect(res.body).toMatchObject({
      amount: 7_240_000,
      rate: 2_789_000,
      origin: 'SOURCED',
      ruleEffectiveFrom: '2024-07-01',
    });
  });
});
