import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { createApiKey, staffToken } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

/** Business-time instant: 'YYYY-MM-DD' at hh:mm in UTC+7. March 2026 has no public holiday. */
const at = (date: string, time = '09:00'): Date => new Date(`${date}T${time}:00+07:00`);

const DOSSIER_FIELDS = `id code state portalStatus channel portalChannel dueDate originalDueDate pausedWorkingDays
  appointmentMoved version handlingLevel decisionNumber allowedActions`;

describe('dossier lifecycle over HTTP (REST for portals, GraphQL for staff)', () => {
  let app: NestFastifyApplication;
  let clock: DossierClock;
  let officer: string; // reception + specialist + leader at the province centre
  let communeOfficer: string;
  let portalKey: string;
  let procedureCode: string;
  let directOnlyCode: string;
  let agencies: Awaited<ReturnType<typeof createTestAgencies>>;

  const http = () => request(app.getHttpServer());
  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await http().post('/graphql').set('authorization', `Bearer ${token}`).send({ query, variables });
    return res.body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string; currentVersion?: number } }> };
  };
  const act = async (mutation: string, args: string, vars: Record<string, unknown>, token = officer) => {
    const body = await gql(token, `mutation($id: ID!, $version: Int! ${args ? `, ${args}` : ''}) { r: ${mutation} { ${DOSSIER_FIELDS} } }`, vars);
    return body;
  };
  const ok = async (mutation: string, args: string, vars: Record<string, unknown>, token = officer) => {
    const body = await act(mutation, args, vars, token);
    if (body.errors) throw new Error(`${mutation}: ${JSON.stringify(body.errors)}`);
    return body.data.r;
  };
  const receive = async (overrides: Record<string, unknown> = {}, key?: string) => {
    const req = http().post('/api/v1/dossiers').set('x-api-key', portalKey);
    if (key) void req.set('idempotency-key', key);
    return req.send({ procedureCode, channel: 'DIRECT', applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true, ...overrides });
  };
  const receiveOk = async (overrides: Record<string, unknown> = {}) => {
    const res = await receive(overrides);
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    app = await createTestApp();
    clock = app.get(DossierClock);
    agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    directOnlyCode = (await createTestProcedure(app, { channels: ['DIRECT'] })).code;
    const roles = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER'] as const;
    officer = await staffToken(app, { username: `prov-${randomUUID().slice(0, 8)}`, roles: [...roles], agencyCode: agencies.provinceCode });
    communeOfficer = await staffToken(app, { username: `comm-${randomUUID().slice(0, 8)}`, roles: [...roles], agencyCode: agencies.communeCode });
    portalKey = await createApiKey(app, { scopes: ['dossiers:read', 'dossiers:write'], agencyCode: agencies.provinceCode });
  });

  afterEach(() => clock.set(null));
  afterAll(async () => app.close());

  it('accepted and finished early: receipt slip with the appointment date, steps, decision, result returned', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk();
    expect(d).toMatchObject({ state: 'RECEIVED', portalStatus: 2, portalChannel: 1, dueDate: '2026-03-13' });
    expect(d).not.toHaveProperty('applicantIdNumber');
    const pdf = await http().get(`/api/v1/dossiers/${d.id}/slips/receipt`).set('x-api-key', portalKey).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    let v = (await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version })).version;
    clock.set(at('2026-03-03'));
    v = (await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: v })).version;
    clock.set(at('2026-03-05'));
    const approved = await ok('approveDossier(id: $id, version: $version, decision: $decision)', '$decision: DossierDecisionInput!', {
      id: d.id,
      version: v,
      decision: { decisionNumber: '12/QĐ-UBND', signer: 'Trần Văn Bình' },
    });
    expect(approved).toMatchObject({ state: 'APPROVED', portalStatus: 9, decisionNumber: '12/QĐ-UBND' });
    const ready = await ok('markDossierResultReady(id: $id, version: $version)', '', { id: d.id, version: approved.version });
    const returned = await ok('returnDossierResult(id: $id, version: $version, channel: DIRECT)', '', { id: d.id, version: ready.version });
    expect(returned).toMatchObject({ state: 'RESULT_RETURNED', portalStatus: 10, allowedActions: [] });

    const slip = await gql(officer, `query($id: ID!) { dossierSlip(id: $id, kind: "process-control") { title rows } dossier(id: $id) { steps { seq status outcome } events { type toState } handovers { stepOutcome } } }`, { id: d.id });
    expect(slip.data.dossier.events.map((e: any) => e.type)).toContain('dossier.result_returned');
    expect(slip.data.dossier.handovers.map((h: any) => h.stepOutcome)).toEqual([null, 'ON_TIME']);
    expect(slip.data.dossierSlip.rows).toHaveLength(2);
    expect(slip.data.dossier.steps.map((s: any) => s.outcome)).toEqual(['ON_TIME', 'EARLY', null]);
    // the whole feed, page by page: the run's shared database holds other files' events in the key's scope too
    const mine: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) {
      const changes = await http()
        .get('/api/v1/dossiers/changes')
        .set('x-api-key', portalKey)
        .query({ limit: 500, ...(cursor ? { cursor } : {}) })
        .expect(200);
      mine.push(...changes.body.items.filter((c: any) => c.dossierId === d.id).map((c: any) => c.type));
      if (changes.body.items.length === 0 || !changes.body.nextCursor || changes.body.nextCursor === cursor) break;
      cursor = changes.body.nextCursor;
    }
    expect(mine).toEqual([
      'dossier.submitted',
      'dossier.received',
      'dossier.processing_started',
      'dossier.handed_over',
      'dossier.approved',
      'dossier.result_ready',
      'dossier.result_returned',
    ]);
  });

  it('supplement: the clock stops, and the due date moves by exactly the paused working days', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk();
    const started = await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version });
    clock.set(at('2026-03-04'));
    const waiting = await ok(
      'requestDossierSupplement(id: $id, version: $version, input: $input)',
      '$input: DossierMissingInput!',
      { id: d.id, version: started.version, input: { missing: ['Giấy xác nhận của UBND xã'], reason: 'Thiếu xác nhận' } },
    );
    expect(waiting).toMatchObject({ state: 'WAITING_SUPPLEMENT', portalStatus: 5 });
    clock.set(at('2026-03-10'));
    // Portal sends the supplement (REST). Paused: Wed 4, Thu 5, Fri 6, Mon 9 March = 4 working days.
    const res = await http()
      .post(`/api/v1/dossiers/${d.id}/supplement`)
      .set('x-api-key', portalKey)
      .send({ version: waiting.version, documents: [{ checklistCode: 'XAC_NHAN' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'IN_PROCESSING', pausedWorkingDays: 4, dueDate: '2026-03-19' });
    // The calendar's deadline ledger agrees: one supplement pause, due date moved to 19 March.
    const [ledger] = await app.get(DataSource).query(
      `select to_char(l.due_date, 'YYYY-MM-DD') as due, count(p.id)::int as pauses from deadline_ledgers l
       left join deadline_pauses p on p.ledger_id = l.id where l.subject_type = 'DOSSIER' and l.subject_id = $1 group by l.id`,
      [d.id],
    );
    expect(ledger).toEqual({ due: '2026-03-19', pauses: 1 });
    const slip = await gql(officer, `query($id: ID!) { dossierSlip(id: $id, kind: "supplement-request") { title rows } }`, { id: d.id });
    expect(slip.data.dossierSlip.rows).toEqual([['Giấy xác nhận của UBND xã']]);
  });

  it('the appointment date skips public holidays: Hùng Kings (day in lieu 27 Apr 2026), 30 Apr and 1 May', async () => {
    clock.set(at('2026-04-24'));
    const d = await receiveOk();
    // Fri 24 Apr is day 1; Mon 27 Apr, Thu 30 Apr and Fri 1 May are off; day 10 is Tue 12 May.
    expect(d.dueDate).toBe('2026-05-12');
  });

  it('postal receipt counts from the postmark date (next working day when it is a weekend)', async () => {
    clock.set(at('2026-03-04'));
    const d = await receiveOk({ channel: 'POSTAL', postmarkDate: '2026-02-28' }); // a Saturday
    const [row] = await app.get(DataSource).query(`select to_char(counting_start, 'YYYY-MM-DD') as s from dossiers where id = $1`, [d.id]);
    expect(row.s).toBe('2026-03-02');
    expect(d.dueDate).toBe('2026-03-13');
  });

  it('supplement before acceptance, then acceptance; refusal at receipt', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk({ acceptNow: false, channel: 'ONLINE' });
    expect(d).toMatchObject({ state: 'SUBMITTED', portalStatus: 1, portalChannel: 2, dueDate: null });
    const asked = await ok(
      'requestDossierSupplementAtReceipt(id: $id, version: $version, input: $input)',
      '$input: DossierMissingInput!',
      { id: d.id, version: d.version, input: { missing: ['Bản sao căn cước rõ nét'], reason: 'Bản sao mờ' } },
    );
    const res = await http().post(`/api/v1/dossiers/${d.id}/supplement`).set('x-api-key', portalKey).send({ version: asked.version, documents: [{ checklistCode: 'CCCD' }] });
    expect(res.body.state).toBe('SUBMITTED');
    clock.set(at('2026-03-03', '16:00')); // after the 15:00 cut-off: counting starts the next working day
    const accepted = await ok('acceptDossier(id: $id, version: $version)', '', { id: d.id, version: res.body.version });
    expect(accepted).toMatchObject({ state: 'RECEIVED', dueDate: '2026-03-17' });

    const r = await receiveOk({ acceptNow: false });
    const refused = await ok('refuseDossier(id: $id, version: $version, reason: "Không thuộc thẩm quyền")', '', { id: r.id, version: r.version });
    expect(refused).toMatchObject({ state: 'REFUSED', portalStatus: 3 });
  });

  it('rejected with reasons and legal basis (without them: 400)', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk();
    const started = await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version });
    const bad = await act('rejectDossier(id: $id, version: $version, decision: $decision)', '$decision: DossierDecisionInput!', {
      id: d.id,
      version: started.version,
      decision: { decisionNumber: '3/TB', signer: 'A' },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const rejected = await ok('rejectDossier(id: $id, version: $version, decision: $decision)', '$decision: DossierDecisionInput!', {
      id: d.id,
      version: started.version,
      decision: { decisionNumber: '3/TB', signer: 'A', reason: 'Không đủ điều kiện', legalBasis: 'Nghị định 131/2021/NĐ-CP' },
    });
    expect(rejected).toMatchObject({ state: 'REJECTED', portalStatus: 9 });
  });

  it('withdrawn at the applicant’s request; afterwards no decision is possible (409)', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk();
    const w = await ok('withdrawDossier(id: $id, version: $version, reason: "Người nộp xin rút")', '', { id: d.id, version: d.version });
    expect(w).toMatchObject({ state: 'WITHDRAWN', portalStatus: 8 });
    const again = await act('approveDossier(id: $id, version: $version, decision: $decision)', '$decision: DossierDecisionInput!', {
      id: d.id,
      version: w.version,
      decision: { decisionNumber: '1', signer: 'A' },
    });
    expect(again.errors?.[0].extensions?.code).toBe('DOSSIER_ILLEGAL_TRANSITION');
    const notice = await http().get(`/api/v1/dossiers/${d.id}/slips/withdrawal-notice`).set('x-api-key', portalKey);
    expect(notice.status).toBe(200);
  });

  it('overdue with apology: in time once, never twice; late apologies and missing ones are counted; tracking shows it', async () => {
    clock.set(at('2026-03-02'));
    const d = await receiveOk();
    const started = await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version });
    clock.set(at('2026-03-12')); // one working day before the due date 13 March
    const apologised = await ok('apologiseForDossier(id: $id, version: $version, input: $input)', '$input: DossierApologyInput!', {
      id: d.id,
      version: started.version,
      input: { reason: 'Chờ xác minh liên ngành', newDueDate: '2026-03-20', signedBy: 'Giám đốc' },
    });
    expect(apologised).toMatchObject({ dueDate: '2026-03-20', originalDueDate: '2026-03-13', appointmentMoved: true });
    const twice = await act('apologiseForDossier(id: $id, version: $version, input: $input)', '$input: DossierApologyInput!', {
      id: d.id,
      version: apologised.version,
      input: { reason: 'Lại chậm', newDueDate: '2026-03-27', signedBy: 'Giám đốc' },
    });
    expect(twice.errors?.[0].extensions?.code).toBe('DOSSIER_APPOINTMENT_ALREADY_MOVED');

    clock.set(at('2026-03-02'));
    const late = await receiveOk();
    const lateStarted = await ok('handoverDossier(id: $id, version: $version)', '', { id: late.id, version: late.version });
    await receiveOk(); // never apologised
    clock.set(at('2026-03-13')); // on the due date: too late to be "in time"
    await ok('apologiseForDossier(id: $id, version: $version, input: $input)', '$input: DossierApologyInput!', {
      id: late.id,
      version: lateStarted.version,
      input: { reason: 'Chậm', newDueDate: '2026-03-20', signedBy: 'Giám đốc' },
    });
    clock.set(at('2026-03-23'));
    const counts = await gql(officer, `{ dossierApologyCounts { overdue apologyInTime apologyLate overdueWithoutApology } }`);
    expect(counts.data.dossierApologyCounts.apologyInTime).toBeGreaterThanOrEqual(1);
    expect(counts.data.dossierApologyCounts.apologyLate).toBeGreaterThanOrEqual(1);
    expect(counts.data.dossierApologyCounts.overdueWithoutApology).toBeGreaterThanOrEqual(1);

    const track = await http().get('/api/v1/tracking').query({ code: d.code, factor: '1234' });
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ code: d.code, appointmentDate: '2026-03-20', apology: { newDueDate: '2026-03-20' } });
    expect(JSON.stringify(track.body)).not.toMatch(/Nguyễn|040190001234|0912345678/);
    const wrong = await http().get('/api/v1/tracking').query({ code: d.code, factor: '9999' });
    expect(wrong.status).toBe(404);
    const apologyPdf = await http().get(`/api/v1/dossiers/${d.id}/slips/apology`).set('authorization', `Bearer ${officer}`);
    expect(apologyPdf.status).toBe(200);
  });

  it('inter-level transfer commune → province (two-level structure); downward transfer is refused', async () => {
    clock.set(at('2026-03-02'));
    const res = await gql(
      communeOfficer,
      `mutation($input: ReceiveDossierInput!) { receiveDossier(input: $input) { ${DOSSIER_FIELDS} } }`,
      { input: { procedureCode, channel: 'DIRECT', applicant: APPLICANT, documents: FULL_DOCS, acceptNow: true } },
    );
    const d = res.data.receiveDossier;
    expect(d.handlingLevel).toBe('COMMUNE');
    const started = await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version }, communeOfficer);
    const moved = await ok('transferDossier(id: $id, version: $version, toAgencyId: $to)', '$to: ID!', {
      id: d.id,
      version: started.version,
      to: agencies.provinceAgencyId,
    }, communeOfficer);
    expect(moved.handlingLevel).toBe('PROVINCE');
    // The province's step is now active with its own due time; the commune step closed with its outcome.
    const steps = await gql(officer, `query($id: ID!) { dossier(id: $id) { steps { seq level status outcome dueAt } } }`, { id: d.id });
    expect(steps.data.dossier.steps.map((s: any) => [s.level, s.status])).toEqual([
      ['COMMUNE', 'DONE'],
      ['PROVINCE', 'ACTIVE'],
      ['PROVINCE', 'PENDING'],
    ]);
    expect(steps.data.dossier.steps[1].dueAt).toBeTruthy();
    const fee = await ok('requestDossierFinancialObligation(id: $id, version: $version, detail: "Lệ phí 50.000 đ")', '', { id: d.id, version: moved.version });
    expect(fee).toMatchObject({ state: 'WAITING_FINANCIAL_OBLIGATION', portalStatus: 6 });
    const paid = await ok('dossierFinancialObligationMet(id: $id, version: $version, reference: "BL-001")', '', { id: d.id, version: fee.version });
    expect(paid.state).toBe('IN_PROCESSING');
    const back = await act('transferDossier(id: $id, version: $version, toAgencyId: $to)', '$to: ID!', {
      id: d.id,
      version: paid.version,
      to: agencies.communeAgencyId,
    });
    expect(back.errors?.[0].extensions?.code).toBe('DOSSIER_ILLEGAL_TRANSFER');
  });

  it('Idempotency-Key over REST: replay returns the first dossier, another body is 409', async () => {
    const key = `portal-${randomUUID()}`;
    const a = await receive({}, key);
    const b = await receive({}, key);
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await receive({ channel: 'POSTAL' }, key);
    expect(c.status).toBe(409);
    expect(c.body.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
  });

  it('stale version: 409 VERSION_CONFLICT with the current version', async () => {
    const d = await receiveOk();
    await ok('handoverDossier(id: $id, version: $version)', '', { id: d.id, version: d.version });
    const stale = await http().post(`/api/v1/dossiers/${d.id}/documents`).set('x-api-key', portalKey).send({ version: d.version, name: 'Giấy tờ khác' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: d.version + 1 });
  });

  it.each([
    ['unknown procedure', 422, 'DOSSIER_PROCEDURE_UNKNOWN', () => ({ procedureCode: '9.999999' })],
    ['wrong channel for the procedure', 422, 'DOSSIER_CHANNEL_NOT_OFFERED', () => ({ procedureCode: directOnlyCode, channel: 'ONLINE' })],
    ['missing mandatory document', 422, 'DOSSIER_DOCUMENTS_MISSING', () => ({ documents: [{ checklistCode: 'DON' }] })],
    ['document not in the checklist', 400, 'VALIDATION_FAILED', () => ({ documents: [...FULL_DOCS, { checklistCode: 'NOPE' }] })],
    ['unknown channel', 400, 'VALIDATION_FAILED', () => ({ channel: 'FAX' })],
    ['no applicant', 400, 'VALIDATION_FAILED', () => ({ applicant: undefined })],
    ['applicant ID number with letters and spaces', 400, 'VALIDATION_FAILED', () => ({ applicant: { ...APPLICANT, idNumber: '04 01' } })],
  ])('bad input (%s) → problem+json %d %s, never 500', async (_name, status, code, body) => {
    const res = await receive(body());
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  });

  it('a malformed id is a 400, never a 500 (REST and GraphQL)', async () => {
    const rest = await http().get('/api/v1/dossiers/not-a-uuid').set('x-api-key', portalKey);
    expect(rest.status).toBe(400);
    expect(rest.headers['content-type']).toMatch(/application\/problem\+json/);
    const g = await gql(officer, `{ dossier(id: "not-a-uuid") { id } }`);
    expect(g.errors?.[0].extensions?.code).not.toBe('INTERNAL');
    expect((g.errors?.[0].extensions as any)?.status).toBe(400);
  });

  it('a malformed dossier code is DOSSIER_CODE_INVALID (400) in tracking and GraphQL', async () => {
    const res = await http().get('/api/v1/tracking').query({ code: 'H40-260230-0001', factor: '1234' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DOSSIER_CODE_INVALID');
    const g = await gql(officer, `{ dossierByCode(code: "not-a-code") { id } }`);
    expect(g.errors?.[0].extensions?.code).toBe('DOSSIER_CODE_INVALID');
  });

  it('public tracking is rate-limited per client (429 problem+json)', async () => {
    const d = await receiveOk();
    let last = 200;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await http().get('/api/v1/tracking').query({ code: d.code, factor: '1234' })).status;
    expect(last).toBe(429);
  });

  it('the commune officer cannot read a province dossier (scope in SQL)', async () => {
    const d = await receiveOk();
    const g = await gql(communeOfficer, `query($id: ID!) { dossier(id: $id) { id } }`, { id: d.id });
    expect(g.errors?.[0].extensions?.code).toBe('DOSSIER_NOT_FOUND');
  });
});
