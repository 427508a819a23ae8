import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import type { DeathRegistrationRecord } from 'src/modules/benefits/deaths/death-registration.model';
import { DeathRegistrationsService } from 'src/modules/benefits/deaths/death-registrations.service';
import { funeralSupport } from 'src/modules/benefits/domain/calculator';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { OutboxRelayService, outboxJobId } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService, type OutboxEvent } from 'src/modules/notifications/outbox/outbox.service';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from 'src/config/app-config';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { createWorkerConnection } from 'src/queue/redis-connections';
import { personWithSocialProtection, seedBenefitRules } from 'test/integration/benefits/benefits-fixtures';
import { asActor, cccdFor, SYSTEM } from 'test/integration/registry/registry-fixtures';
import { APPLICANT, createTestAgencies, createTestProcedure, FULL_DOCS } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';
import { staffToken } from 'test/utils/auth';
import request from 'supertest';

const DEATH_DATE = '2026-11-10';
const PERIOD = '2026-11-01';

/**
 * The whole path (the app's `outbox` worker run here, so other queues' handlers are not needed): a death-registration dossier of the inter-level group is approved → the dossier
 * outbox event is relayed to the `outbox` queue → the benefits subscriber runs the registry's death cascade and grants
 * funeral support once → the next cycle of the unit pays one ONE_OFF line.
 */
describe('funeral support triggered by death-registration dossiers (PostgreSQL, Redis, worker)', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let deaths: DeathRegistrationsService;
  let agencyId: string;
  let unitId: string;
  let procedureCode: string;
  let communeCode: string;
  let worker: Worker | undefined;
  let connection: Redis | undefined;
  const trap = `test_death_trap_${randomUUID().slice(0, 8)}`;
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActor(SYSTEM, fn);

  beforeAll(async () => {
    app = await createTestApp({ QUEUE_PREFIX: `death-${randomUUID().slice(0, 8)}` });
    ds = app.get(DataSource);
    // The worker role's `outbox` worker (WorkerHost), alone: the app's registered job handlers, BullMQ retries.
    const registry = app.get(JobHandlerRegistry);
    connection = createWorkerConnection(process.env.REDIS_URL as string);
    worker = new Worker(
      'outbox',
      async (job) => registry.get(job.name)?.(job.data as never, job as never),
      { connection, prefix: app.get(AppConfig).queue.prefix, concurrency: 2 },
    );
    deaths = app.get(DeathRegistrationsService);
    await seedBenefitRules(app);
    const agencies = await createTestAgencies(app);
    agencyId = agencies.communeAgencyId;
    communeCode = agencies.communeCode;
    unitId = agencies.communeUnitId;
    ({ code: procedureCode } = await createTestProcedure(app));
    // The group is data: this test's procedure joins it like a department would add a code.
    await ds.query(
      `insert into benefit_death_registration_procedures (procedure_code, grants_funeral, label) values ($1, true, 'Thử')`,
      [procedureCode],
    );
  });

  afterAll(async () => {
    if (!app) return;
    await worker?.close();
    connection?.disconnect();
    await ds.query(`drop trigger if exists ${trap} on benefit_death_registrations`);
    await ds.query(`drop function if exists ${trap}()`);
    await ds.query(`drop table if exists ${trap}`);
    await ds.query(`drop sequence if exists ${trap}_seq`);
    await app.get(QueueService).queue('outbox').obliterate({ force: true });
    await app.close();
  });

  /** A registry person with a CCCD; with a social-protection status from 2024 unless `qualifying` is false. */
  const person = async (name: string, qualifying = true): Promise<{ personId: string; cccd: string }> => {
    const cccd = cccdFor(1950, 'FEMALE');
    const { personId } = await personWithSocialProtection(app, {
      unitId,
      fullName: name,
      groupCode: 'K5A_60_TO_80',
      validFrom: '2024-01-01',
    });
    await ds.query(`update registry_people set cccd = $2 where id = $1`, [personId, cccd]);
    if (!qualifying)
      await ds.query(
        `update registry_social_protection_subjects set valid_to = '2025-01-01', end_reason = 'DECISION' where person_id = $1`,
        [personId],
      );
    return { personId, cccd };
  };

  /** Receives, starts and approves a death-registration dossier for the deceased; returns the dossier id. */
  const approvedDossier = async (
    deceased: { cccd: string; name: string },
    beforeApproval?: (dossierId: string) => Promise<void>,
  ): Promise<string> =>
    run(async () => {
      const { dossier } = await app.get(DossierReceiptService).receive({
        procedureCode,
        channel: 'DIRECT',
        agencyId,
        applicant: { ...APPLICANT, name: 'Trần Văn Con' },
        deceased: { idNumber: deceased.cccd, fullName: deceased.name, deathDate: DEATH_DATE },
        documents: FULL_DOCS,
        acceptNow: true,
      });
      const processing = app.get(DossierProcessingService);
      const started = await processing.handover(dossier.id, dossier.version, {});
      await beforeApproval?.(dossier.id);
      await processing.approve(dossier.id, started.version, { decisionNumber: '7/QĐ-UBND', signer: 'Chủ tịch' });
      return dossier.id;
    });

  const outcomeOf = async (dossierId: string, timeoutMs = 20_000): Promise<DeathRegistrationRecord> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await deaths.outcomeOf(dossierId);
      if (found) return found;
      // The worker's relay scheduler does this every 2 s; relaying here too keeps the test quick on a busy machine.
      await app.get(OutboxRelayService).relayPending().catch(() => undefined);
      if (Date.now() > until) {
        const rows = await ds.query(
          `select id, event_type, published_at from outbox_events where aggregate_id = $1 order by id`,
          [dossierId],
        );
        const jobs = await Promise.all(
          rows.map(async (r: { id: string }) => {
            const job = await app.get(QueueService).queue('outbox').getJob(outboxJobId(String(r.id)));
            return job ? { id: job.id, state: await job.getState(), failed: job.failedReason } : null;
          }),
        );
        throw new Error(`no death-registration outcome for ${dossierId}: ${JSON.stringify({ rows, jobs })}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const approvedEvent = async (dossierId: string): Promise<OutboxEvent> => {
    const [e] = await ds.query<Array<{ id: string; payload: Record<string, unknown>; created_at: Date }>>(
      `select id::text as id, payload, created_at from outbox_events
        where aggregate_id = $1 and event_type = 'dossier.approved'`,
      [dossierId],
    );
    return {
      id: e.id,
      aggregateType: 'dossier',
      aggregateId: dossierId,
      eventType: 'dossier.approved',
      payload: e.payload,
      createdAt: new Date(e.created_at).toISOString(),
    };
  };

  const oneOffLines = async (personId: string) => {
    const cycles = app.get(PaymentCyclesService);
    const { cycle } = await run(() => cycles.compute(SYSTEM, { unitId, period: PERIOD }));
    const lines = await run(() => cycles.lines(SYSTEM, cycle.id, { limit: 500 }));
    return lines.filter((l) => l.kind === 'ONE_OFF' && l.personId === personId);
  };

  it('an approved death-registration dossier grants funeral support once, ends the statuses and entitlements, and the next cycle pays one line', async () => {
    const { personId, cccd } = await person('Lê Thị Mai Táng');
    const [status] = await ds.query<Array<{ id: string }>>(
      `select id from registry_social_protection_subjects where person_id = $1`,
      [personId],
    );
    const ent = await run(() =>
      app.get(EntitlementsService).create(SYSTEM, { personId, statusId: status.id, startDate: '2026-09-01' }),
    );

    const dossierId = await approvedDossier({ cccd, name: 'Lê Thị Mai Táng' });
    const outcome = await outcomeOf(dossierId);
    const expected = funeralSupport(await app.get(RulesRepository).load(), {
      scheme: 'SOCIAL_ASSISTANCE',
      deathDate: DEATH_DATE,
    });
    expect(outcome).toMatchObject({
      outcome: 'GRANTED',
      personId,
      unitId,
      deathDate: DEATH_DATE,
      deathRecorded: true,
      entitlementsEnded: 1,
    });
    expect(outcome.reason).toContain(`= ${expected.amount} VND`);
    const [oneOff] = await ds.query(
      `select amount::bigint::int as amount, payee_name, dossier_id, scheme from benefit_one_offs where person_id = $1`,
      [personId],
    );
    expect(oneOff).toEqual({ amount: expected.amount, payee_name: 'Trần Văn Con', dossier_id: dossierId, scheme: 'SOCIAL_ASSISTANCE' });
    expect(expected.amount).toBe(20 * expected.rate);

    // The registry's death cascade ran; the entitlement ends from the month after the death month.
    const [p] = await ds.query(`select vital_status, to_char(death_date, 'YYYY-MM-DD') as d from registry_people where id = $1`, [personId]);
    expect(p).toEqual({ vital_status: 'DECEASED', d: DEATH_DATE });
    const [s] = await ds.query(
      `select to_char(valid_to, 'YYYY-MM-DD') as valid_to, end_reason from registry_social_protection_subjects where id = $1`,
      [status.id],
    );
    expect(s).toEqual({ valid_to: DEATH_DATE, end_reason: 'DEATH' });
    const ended = await run(() => app.get(EntitlementsService).getForActor(SYSTEM, ent.id));
    expect(ended).toMatchObject({ state: 'ENDED', endDate: '2026-12-01' });
    const audit = await ds.query(
      `select action from audit_events where entity_id = $1 and entity_type = 'benefit_death_registration'`,
      [outcome.id],
    );
    expect(audit).toEqual([{ action: 'DEATH_REGISTRATION_FUNERAL' }]);

    const lines = await oneOffLines(personId);
    expect(lines.map((l) => [l.amount, l.personName])).toEqual([[expected.amount, 'Trần Văn Con']]);

    // Re-delivery: the same event dispatched again directly and through the queue under another job id.
    const event = await approvedEvent(dossierId);
    await app.get(OutboxService).dispatch(event);
    const queues = app.get(QueueService);
    const jobId = await queues.add(
      'outbox.dispatch',
      { ...event },
      { jobId: `redeliver-${event.id}` },
    );
    const until = Date.now() + 20_000;
    while (!(await queues.queue('outbox').getJob(jobId))?.finishedOn && Date.now() < until)
      await new Promise((r) => setTimeout(r, 200));
    expect((await queues.queue('outbox').getJob(jobId))?.finishedOn).toBeDefined();
    const counts = await ds.query(
      `select (select count(*)::int from benefit_one_offs where person_id = $1) as one_offs,
              (select count(*)::int from benefit_death_registrations where person_id = $1) as outcomes,
              (select count(*)::int from registry_review_tasks where person_id = $1 and kind = 'DEATH_RECORDED') as tasks`,
      [personId],
    );
    expect(counts).toEqual([{ one_offs: 1, outcomes: 1, tasks: 1 }]);
    expect((await oneOffLines(personId)).map((l) => l.amount)).toEqual([expected.amount]);

    // A second death-registration dossier for the same person: recorded, never a second grant.
    const second = await approvedDossier({ cccd, name: 'Lê Thị Mai Táng' });
    expect(await outcomeOf(second)).toMatchObject({ outcome: 'ALREADY_GRANTED', personId, deathRecorded: false, oneOffId: null });
    expect((await oneOffLines(personId)).map((l) => l.amount)).toEqual([expected.amount]);
  });

  it('a meritorious-only death is GRANTED mai táng phí of 10 × the statutory base salary (10 × 2,340,000 = 23,400,000 VND), explained as unconfirmed', async () => {
    const cccd = cccdFor(1948, 'MALE');
    const [p] = await ds.query<Array<{ id: string }>>(
      `insert into registry_people (full_name, birth_year, gender, residence_unit_id, cccd, source, created_by)
       values ('Nguyễn Văn Thương Binh', 1948, 'MALE', $1, $2, 'MANUAL', 'test') returning id`,
      [unitId, cccd],
    );
    const personId = p.id;
    await ds.query(
      `insert into registry_merit_profiles (person_id, category, injury_rate, valid_from, decision_number, decision_date,
         decision_signer, source, created_by)
       values ($1, 'WAR_INVALID', 41, '2020-01-01', $2, '2019-12-20', 'Chủ tịch UBND tỉnh', 'MANUAL', 'test')`,
      [personId, `QD-TB-${randomUUID().slice(0, 8)}`],
    );

    const dossierId = await approvedDossier({ cccd, name: 'Nguyễn Văn Thương Binh' });
    const outcome = await outcomeOf(dossierId);
    const expected = funeralSupport(await app.get(RulesRepository).load(), { scheme: 'MERIT', deathDate: DEATH_DATE });
    expect(expected).toMatchObject({
      amount: 23_400_000,
      rate: 2_340_000,
      baseKind: 'STATUTORY_BASE_SALARY',
      unconfirmed: true,
    });
    expect(outcome).toMatchObject({ outcome: 'GRANTED', personId, unitId, deathRecorded: true });
    expect(outcome.reason).toContain('= 23400000 VND');
    expect(outcome.reason).toContain('mức lương cơ sở');
    const [oneOff] = await ds.query(
      `select amount::bigint::int as amount, rate::bigint::int as rate, coefficient_hundredths, scheme, payee_name,
              legal_basis, explanation
         from benefit_one_offs where person_id = $1`,
      [personId],
    );
    expect(oneOff).toMatchObject({
      amount: 23_400_000,
      rate: 2_340_000,
      coefficient_hundredths: 1000,
      scheme: 'MERIT',
      payee_name: 'Trần Văn Con',
      explanation: expected.text,
    });
    expect(oneOff.legal_basis).toContain('Pháp lệnh 02/2020/UBTVQH14; Nghị định 131/2021/NĐ-CP');
    expect(oneOff.legal_basis).toContain('Nghị định 73/2024/NĐ-CP');
    expect((await oneOffLines(personId)).map((l) => l.amount)).toEqual([23_400_000]);
  });

  it('a deceased person without a qualifying status on the date of death gets no grant, and the reason is recorded', async () => {
    const { personId, cccd } = await person('Phạm Văn Không Diện', false);
    const dossierId = await approvedDossier({ cccd, name: 'Phạm Văn Không Diện' });
    const outcome = await outcomeOf(dossierId);
    expect(outcome).toMatchObject({ outcome: 'NOT_QUALIFIED', personId, oneOffId: null, deathRecorded: true });
    expect(outcome.reason).toContain(`Ngày ${DEATH_DATE} người chết không thuộc diện người có công hoặc bảo trợ xã hội`);
    expect(outcome.reason).toContain('SOCIAL_PROTECTION 2024-01-01–2025-01-01');
    // Officers read the outcome with its reason, scoped to their units (REST and GraphQL).
    const officer = await staffToken(app, { username: 'death-reg-officer', roles: ['SPECIALIST'], agencyCode: communeCode });
    const other = await createTestAgencies(app);
    const outsider = await staffToken(app, { username: 'death-reg-outsider', roles: ['LEADER'], agencyCode: other.communeCode });
    const http = () => request(app.getHttpServer());
    const rest = await http()
      .get('/api/v1/benefits/death-registrations')
      .query({ dossierId })
      .set('authorization', `Bearer ${officer}`);
    expect(rest.status).toBe(200);
    expect(rest.body.items).toEqual([
      expect.objectContaining({ dossierId, outcome: 'NOT_QUALIFIED', reason: outcome.reason, oneOffId: null }),
    ]);
    const hidden = await http()
      .get('/api/v1/benefits/death-registrations')
      .query({ dossierId })
      .set('authorization', `Bearer ${outsider}`);
    expect(hidden.body.items).toEqual([]);
    const gql = await http()
      .post('/graphql')
      .set('authorization', `Bearer ${officer}`)
      .send({
        query: `query($d: String) { deathRegistrationOutcomes(dossierId: $d, outcome: NOT_QUALIFIED) { items { outcome reason } } }`,
        variables: { d: dossierId },
      });
    expect(gql.body.data.deathRegistrationOutcomes.items).toEqual([{ outcome: 'NOT_QUALIFIED', reason: outcome.reason }]);
    const oneOffs = await ds.query(`select 1 from benefit_one_offs where person_id = $1`, [personId]);
    expect(oneOffs).toHaveLength(0);
    expect(await oneOffLines(personId)).toHaveLength(0);
  });

  it('a dossier of a procedure outside the group is ignored; a deceased not in the registry is recorded as such', async () => {
    const other = await createTestProcedure(app);
    const { cccd } = await person('Ngoài Nhóm');
    const dossierId = await run(async () => {
      const { dossier } = await app.get(DossierReceiptService).receive({
        procedureCode: other.code,
        channel: 'DIRECT',
        agencyId,
        applicant: APPLICANT,
        deceased: { idNumber: cccd, fullName: 'Ngoài Nhóm', deathDate: DEATH_DATE },
        documents: FULL_DOCS,
        acceptNow: true,
      });
      return dossier.id;
    });
    await expect(deaths.handle({ ...(await fakeApproved(dossierId)) })).resolves.toBeUndefined();

    const unknown = await approvedDossier({ cccd: cccdFor(1949, 'MALE'), name: 'Không Có Hồ Sơ' });
    expect(await outcomeOf(unknown)).toMatchObject({ outcome: 'PERSON_NOT_IN_REGISTRY', personId: null });
  });

  it('the dossier refuses a malformed deceased CCCD or a date of death after the submission', async () => {
    const receive = (deceased: { idNumber: string; fullName: string; deathDate: string }) =>
      run(() =>
        app.get(DossierReceiptService).receive({
          procedureCode,
          channel: 'DIRECT',
          agencyId,
          applicant: APPLICANT,
          deceased,
          documents: FULL_DOCS,
        }),
      );
    await expect(receive({ idNumber: '999150001234', fullName: 'A', deathDate: DEATH_DATE })).rejects.toMatchObject({
      code: 'CCCD_INVALID',
    });
    await expect(receive({ idNumber: cccdFor(1950, 'MALE'), fullName: 'A', deathDate: '2999-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(receive({ idNumber: cccdFor(1950, 'MALE'), fullName: 'A', deathDate: '2026-02-30' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    // The database holds the same rules.
    await expect(
      ds.query(`update dossiers set deceased_id_number = '1', deceased_name = 'A', deceased_death_date = $2 where id = (
                  select id from dossiers where procedure_code = $1 limit 1)`, [procedureCode, DEATH_DATE]),
    ).rejects.toThrow(/check constraint/);
  });

  it('a failing handler is retried by the outbox queue (exponential backoff) and then grants once', async () => {
    await ds.query(`create table ${trap} (dossier_id uuid primary key)`);
    await ds.query(`create sequence ${trap}_seq`);
    await ds.query(`create function ${trap}() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from ${trap} t where t.dossier_id = new.dossier_id) then
          if nextval('${trap}_seq') = 1 then
            raise exception 'injected failure (retry test)';
          end if;
        end if;
        return new;
      end $$`);
    await ds.query(
      `create trigger ${trap} before insert on benefit_death_registrations for each row execute function ${trap}()`,
    );
    const { personId, cccd } = await person('Võ Thị Thử Lại');
    const dossierId = await approvedDossier({ cccd, name: 'Võ Thị Thử Lại' }, async (id) => {
      await ds.query(`insert into ${trap} (dossier_id) values ($1)`, [id]);
    });
    const outcome = await outcomeOf(dossierId, 30_000);
    expect(outcome).toMatchObject({ outcome: 'GRANTED', personId, deathRecorded: true });
    const [{ n }] = await ds.query(`select last_value::int as n from ${trap}_seq`);
    expect(n).toBeGreaterThanOrEqual(2); // the first attempt failed (and rolled back), a later one succeeded
    const event = await approvedEvent(dossierId);
    const job = await app.get(QueueService).queue('outbox').getJob(outboxJobId(event.id));
    expect(job?.attemptsMade).toBeGreaterThanOrEqual(1);
    const tasks = await ds.query(
      `select 1 from registry_review_tasks where person_id = $1 and kind = 'DEATH_RECORDED'`,
      [personId],
    );
    expect(tasks).toHaveLength(1);
  });

  const fakeApproved = async (dossierId: string): Promise<OutboxEvent> => ({
    id: '0',
    aggregateType: 'dossier',
    aggregateId: dossierId,
    eventType: 'dossier.approved',
    payload: {},
    createdAt: new Date().toISOString(),
  });
});
