import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { parseDossierCode } from 'src/modules/dossiers/domain/dossier-code';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { DossiersService } from 'src/modules/dossiers/services/dossiers.service';
import { createTestApp } from 'test/utils/test-app';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';

describe('dossier receipt (integration, real PostgreSQL)', () => {
  let app: NestFastifyApplication;
  let receipt: DossierReceiptService;
  let processing: DossierProcessingService;
  let ds: DataSource;
  let actor: Actor;
  let procedureCode: string;

  const as = <T>(fn: () => Promise<T>, who: Actor = actor): Promise<T> =>
    RequestContext.run({ requestId: randomUUID(), actor: who }, fn);

  beforeAll(async () => {
    app = await createTestApp();
    receipt = app.get(DossierReceiptService);
    processing = app.get(DossierProcessingService);
    ds = app.get(DataSource);
    const agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    actor = { kind: 'user', id: randomUUID(), name: 'desk.officer', agencyId: agencies.provinceAgencyId, roles: ['RECEPTION_OFFICER'], scopes: [] };
  });

  afterAll(async () => {
    await app.close();
  });

  const input = () => ({ procedureCode, channel: 'DIRECT' as const, applicant: APPLICANT, documents: FULL_DOCS });

  it('50 parallel receipts get 50 distinct, well-formed codes with consecutive daily sequences', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => as(() => receipt.receive(input()))));
    const codes = results.map((r) => r.dossier.code);
    expect(new Set(codes).size).toBe(50);
    const seqs = codes.map((c) => parseDossierCode(c).sequence).sort((a, b) => a - b);
    expect(seqs[49] - seqs[0]).toBe(49);
  });

  it('writes the dossier, its event, the outbox row and the audit row in one transaction', async () => {
    const { dossier } = await as(() => receipt.receive(input()));
    const [counts] = await ds.query(
      `select (select count(*)::int from dossier_events where dossier_id = $1) as events,
              (select count(*)::int from outbox_events where aggregate_id = $1 and aggregate_type = 'dossier') as outbox,
              (select count(*)::int from audit_events where entity_id = $1::text) as audit,
              (select count(*)::int from dossier_steps where dossier_id = $1) as steps,
              (select count(*)::int from dossier_documents where dossier_id = $1) as docs`,
      [dossier.id],
    );
    expect(counts).toEqual({ events: 1, outbox: 1, audit: 1, steps: 3, docs: 2 });
    const [outbox] = await ds.query(`select event_type, payload from outbox_events where aggregate_id = $1`, [dossier.id]);
    expect(outbox.event_type).toBe('dossier.submitted');
    expect(JSON.stringify(outbox.payload)).not.toContain(APPLICANT.idNumber);
  });

  it('Idempotency-Key: same key and body → the first dossier; different body → IDEMPOTENCY_KEY_CONFLICT', async () => {
    const key = `k-${randomUUID()}`;
    const [a, b] = await Promise.all([as(() => receipt.receive(input(), key)), as(() => receipt.receive(input(), key))]);
    expect(a.dossier.id).toBe(b.dossier.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    await expect(
      as(() => receipt.receive({ ...input(), applicant: { ...APPLICANT, name: 'Someone Else' } }, key)),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_CONFLICT' });
  });

  it('two officers acting on the same version: one wins, the other gets VERSION_CONFLICT with the current version', async () => {
    const { dossier } = await as(() => receipt.receive({ ...input(), acceptNow: true }));
    const results = await Promise.allSettled([
      as(() => processing.handover(dossier.id, dossier.version, { note: 'a' })),
      as(() => processing.handover(dossier.id, dossier.version, { note: 'b' })),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(DomainException);
    expect(failed[0].reason.code).toBe('VERSION_CONFLICT');
    expect(failed[0].reason.extensions.currentVersion).toBe(dossier.version + 1);
  });

  it('links a person applicant to the registry person with the same citizen-ID number', async () => {
    const cccd = `0401${String(Date.now()).slice(-8)}`;
    const [person] = await ds.query(
      `insert into registry_people (cccd, full_name, birth_year, gender, source, created_by) values ($1, 'Lê Thị Hoa', 1950, 'FEMALE', 'MANUAL', 'test') returning id`,
      [cccd],
    );
    const { dossier } = await as(() => receipt.receive({ ...input(), applicant: { ...APPLICANT, idNumber: cccd } }));
    expect(dossier.registryPersonId).toBe(person.id);
    const other = await as(() => receipt.receive({ ...input(), applicant: { ...APPLICANT, idNumber: '001099999999' } }));
    expect(other.dossier.registryPersonId).toBeNull();
  });

  it('systemView gives workers the dossier and its active step without a caller or an audit row', async () => {
    const { dossier } = await as(() => receipt.receive({ ...input(), acceptNow: true }));
    await as(() => processing.handover(dossier.id, dossier.version, {}));
    const before = await ds.query(`select count(*)::int as n from audit_events where entity_id = $1::text`, [dossier.id]);
    const view = await app.get(DossiersService).systemView(dossier.id);
    expect(view?.dossier.code).toBe(dossier.code);
    expect(view?.activeStep).toMatchObject({ seq: 1, name: 'Tiếp nhận, chuyển hồ sơ' });
    const after = await ds.query(`select count(*)::int as n from audit_events where entity_id = $1::text`, [dossier.id]);
    expect(after[0].n).toBe(before[0].n);
  });

  it('dossier_events is append-only', async () => {
    const { dossier } = await as(() => receipt.receive(input()));
    await expect(ds.query(`update dossier_events set type = 'dossier.x' where dossier_id = $1`, [dossier.id])).rejects.toThrow(
      /append-only/,
    );
  });
});
