import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DossierClock } from 'src/modules/dossiers/dossier-ports';
import { DossierOutcomeService } from 'src/modules/dossiers/services/dossier-outcome.service';
import { DossierProcessingService } from 'src/modules/dossiers/services/dossier-processing.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { SYSTEM_ACTOR } from 'src/modules/organisation/units/access-scope.service';
import { CatalogReportService } from 'src/modules/reports/catalog/catalog-report.service';
import { DigitisationReportService } from 'src/modules/reports/digitisation/digitisation-report.service';
import type { ReportFilterQuery } from 'src/modules/reports/filters/report-filter.dto';
import { OnlineShareService } from 'src/modules/reports/online/online-share.service';
import { ProcessingReportQueryService } from 'src/modules/reports/processing/processing-report-query.service';
import { ServiceIndexService } from 'src/modules/reports/service-index/service-index.service';
import { ensureTestAgency } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const at = (date: string): Date => new Date(`${date}T09:00:00+07:00`);
const businessDay = (d: Date): string => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The catalog, online-share, digitisation and Decision 766 figures over real dossiers created through the dossier
 * services. Every query is narrowed to this file's own agencies, so the counts are exact whatever else the database
 * holds. Result events carry the real time of the run, so the period runs from 1 March 2026 to today.
 */
describe('published figures over PostgreSQL', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let agencies: Awaited<ReturnType<typeof createTestAgencies>>;
  let period: ReportFilterQuery;
  const ids: Record<string, string> = {};
  let online: string[] = [];
  const system = <T>(fn: () => Promise<T>, actor: Actor = SYSTEM_ACTOR): Promise<T> =>
    RequestContext.run({ requestId: 'published-figures', actor }, fn);

  beforeAll(async () => {
    app = await createTestApp();
    ds = app.get(DataSource);
    agencies = await createTestAgencies(app);
    const full = await createTestProcedure(app);
    const partial = await createTestProcedure(app);
    await ds.query(
      `update procedure_versions set implementing_agency_id = $2, online_mode = 'FULL', legacy_online_level = 4,
         result_kind = 'DECISION', fee_policy = 'NONE' where id = $1`,
      [full.versionId, agencies.provinceAgencyId],
    );
    await ds.query(
      `insert into procedure_legal_bases (version_id, seq, document_number) values ($1, 1, '75/2021/NĐ-CP')`,
      [full.versionId],
    );
    await ds.query(`update procedure_versions set implementing_agency_id = $2 where id = $1`, [
      partial.versionId,
      agencies.provinceAgencyId,
    ]);
    const clock = app.get(DossierClock);
    const receipt = app.get(DossierReceiptService);
    const receive = async (procedureCode: string, channel: 'ONLINE' | 'DIRECT') => {
      const { dossier } = await receipt.receive({
        procedureCode,
        channel,
        agencyId: agencies.provinceAgencyId,
        applicant: APPLICANT,
        documents: FULL_DOCS,
        acceptNow: true,
      });
      if (dossier.state === 'SUBMITTED') return (await receipt.accept(dossier.id, dossier.version)).id;
      return dossier.id;
    };
    try {
      clock.set(at('2026-02-10'));
      ids.carried = await receive(partial.code, 'DIRECT');
      clock.set(at('2026-03-02'));
      const f = [];
      for (const ch of ['ONLINE', 'ONLINE', 'ONLINE', 'DIRECT'] as const) f.push(await receive(full.code, ch));
      const p = [];
      for (const ch of ['ONLINE', 'DIRECT', 'DIRECT', 'DIRECT'] as const) p.push(await receive(partial.code, ch));
      online = [f[0], f[1], f[2], p[0]];
      // Four decided on 4 March: d1 electronic result and every document scanned; d2 electronic result only;
      // d3 a paper result; d4 an electronic result replaced by a paper one (the latest attachment counts).
      [ids.d1, ids.d2, ids.d3, ids.d4] = [f[0], f[3], p[1], p[2]];
      clock.set(at('2026-03-04'));
      const processing = app.get(DossierProcessingService);
      const outcome = app.get(DossierOutcomeService);
      const pdf = { fileName: 'ket-qua.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') };
      const decide = async (id: string, digitised: boolean[]) => {
        let d = await processing.handover(id, await version(id), { person: 'Chuyên viên' });
        d = await processing.approve(id, d.version, { decisionNumber: `${randomBytes(3).toString('hex')}/QĐ`, signer: 'Lãnh đạo' });
        for (const x of digitised) d = await outcome.attachResult(id, d.version, pdf, x);
      };
      await decide(ids.d1, [true]);
      await decide(ids.d2, [true]);
      await decide(ids.d3, [false]);
      await decide(ids.d4, [true, false]);
      const [file] = await ds.query<Array<{ id: string }>>(
        `insert into dossier_files (dossier_id, purpose, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
         values ($1, 'DOCUMENT', 'test/scan.pdf', 'scan.pdf', 'application/pdf', 10, repeat('a', 64), 'test') returning id`,
        [ids.d1],
      );
      await ds.query(`update dossier_documents set file_id = $2 where dossier_id = $1`, [ids.d1, file.id]);
    } finally {
      clock.set(null);
    }
    period = { from: '2026-03-01', to: businessDay(new Date()), agencyCode: agencies.provinceCode };
  });
  afterAll(async () => app.close());

  const version = async (id: string): Promise<number> =>
    (await ds.query<Array<{ version: number }>>(`select version from dossiers where id = $1`, [id]))[0].version;

  describe('online share', () => {
    it('counts dossiers received in the period by channel (the carried-over one is not received) and per fully online procedure', async () => {
      const r = await system(() => app.get(OnlineShareService).report(period));
      expect(r.overall).toMatchObject({ received: 8, online: 4, directOrPostal: 4, direct: 4, postal: 0 });
      expect(r.overall.share.basisPoints).toBe(5000);
      expect(r.fullOnline).toMatchObject({ received: 4, online: 3 });
      expect(r.fullOnline.share.basisPoints).toBe(7500);
      expect(r.byProcedure).toHaveLength(1);
      expect(r.byProcedure[0]).toMatchObject({ received: 4, online: 3 });
    });

    it('drills down to exactly the dossiers received online', async () => {
      const page = await system(() => app.get(OnlineShareService).drillDown(period, 'online', { limit: 500 }));
      expect(page.items.map((i) => i.id).sort()).toEqual([...online].sort());
      expect(page.items.every((i) => i.channel === 'ONLINE')).toBe(true);
      const r = await system(() => app.get(OnlineShareService).report(period));
      const { procedureCode, online: perProcedure } = r.byProcedure[0];
      const one = await system(() =>
        app.get(OnlineShareService).drillDown(period, 'fullOnlineOnline', { procedureCode, limit: 500 }),
      );
      expect(one.items).toHaveLength(perProcedure);
      expect(one.items.every((i) => i.procedureCode === procedureCode && i.onlineMode === 'FULL')).toBe(true);
    });

    it('pages the drill-down by code without losing or repeating a row', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await system(() => app.get(OnlineShareService).drillDown(period, 'received', { limit: 3, cursor }));
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
    });

    it('sees nothing of the province agency from a commune officer (unit scope in SQL; the agency filter is refused) or under the commune unit filter', async () => {
      const commune: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'c', name: 'c', agencyId: agencies.communeAgencyId };
      const { agencyCode: _province, ...unfiltered } = period;
      const scoped = await system(() => app.get(OnlineShareService).report(unfiltered), commune);
      expect(scoped.overall.received).toBe(0);
      await expect(system(() => app.get(OnlineShareService).report(period), commune)).rejects.toMatchObject({
        code: 'OUT_OF_SCOPE',
      });
      const [unit] = await ds.query<Array<{ code: string }>>(`select code from admin_units where id = $1`, [agencies.communeUnitId]);
      const filtered = await system(() =>
        app.get(OnlineShareService).report({ ...period, unitCode: unit.code, unitEra: 'POST_2025' }),
      );
      expect(filtered.overall.received).toBe(0);
      const province = await system(() =>
        app.get(OnlineShareService).report({ ...period, unitCode: '97', unitEra: 'POST_2025' }),
      );
      expect(province.overall.received).toBe(8);
    });
  });

  describe('digitisation', () => {
    it('counts decided dossiers with an electronic result and fully digitised ones, as of the period end', async () => {
      const r = await system(() => app.get(DigitisationReportService).report(period));
      expect(r.results).toMatchObject({ decided: 4, electronicResult: 2, fullyDigitised: 1 });
      expect(r.results.resultShare.basisPoints).toBe(5000);
      const before = await system(() =>
        app.get(DigitisationReportService).report({ ...period, to: '2026-03-31' }),
      );
      // The results were attached at the real time of this run, after 31 March: not yet digitised then.
      expect(before.results).toMatchObject({ decided: 4, electronicResult: 0, fullyDigitised: 0 });
    });

    it('drills down to exactly the dossiers behind each result figure', async () => {
      const svc = app.get(DigitisationReportService);
      const rows = async (column: 'electronicResult' | 'fullyDigitised' | 'noElectronicResult') =>
        (await system(() => svc.drillDown(period, column, { limit: 500 }))).items.map((i) => i.id).sort();
      expect(await rows('electronicResult')).toEqual([ids.d1, ids.d2].sort());
      expect(await rows('fullyDigitised')).toEqual([ids.d1]);
      expect(await rows('noElectronicResult')).toEqual([ids.d3, ids.d4].sort());
    });

    it('archive progress per unit comes from the digitisation module, with the files behind it', async () => {
      const code = `T${randomBytes(4).toString('hex').toUpperCase()}`;
      const [project] = await ds.query<Array<{ id: string }>>(
        `insert into digitisation_projects (code, name, unit_id, created_by) values ($1, 'Hồ sơ người có công', $2, 'test') returning id`,
        [code, agencies.communeUnitId],
      );
      const [box] = await ds.query<Array<{ id: string }>>(
        `insert into digitisation_boxes (project_id, code) values ($1, 'B1') returning id`,
        [project.id],
      );
      const files = await ds.query<Array<{ id: string }>>(
        `insert into digitisation_files (project_id, box_id, archive_code)
         select $1, $2, $3 || '-' || g from generate_series(1, 3) g returning id`,
        [project.id, box.id, code],
      );
      for (const f of files.slice(0, 2))
        await ds.query(
          `insert into digitisation_events (file_id, project_id, box_id, kind, actor) values ($1, $2, $3, 'DONE', 'test')`,
          [f.id, project.id, box.id],
        );
      const [unit] = await ds.query<Array<{ code: string }>>(`select code from admin_units where id = $1`, [agencies.communeUnitId]);
      const q = { ...period, agencyCode: undefined, unitCode: unit.code, unitEra: 'POST_2025' as const };
      const r = await system(() => app.get(DigitisationReportService).report(q));
      expect(r.archive.total).toMatchObject({ projects: 1, files: 3, done: 2 });
      expect(r.archive.units[0]).toMatchObject({ unitId: agencies.communeUnitId, files: 3, done: 2 });
      const done = await system(() => app.get(DigitisationReportService).drillDown(q, 'archiveDone', { limit: 500 }));
      expect(done.items.map((i) => i.id).sort()).toEqual(files.slice(0, 2).map((f) => f.id).sort());
    });
  });

  it('agrees with Form II.06a for the same filters: received = columns 4 + 5, decided = the form\'s decided', async () => {
    const { report } = await system(() => app.get(ProcessingReportQueryService).report(period));
    const onlineShare = await system(() => app.get(OnlineShareService).report(period));
    const digitisation = await system(() => app.get(DigitisationReportService).report(period));
    expect(onlineShare.overall.received).toBe(report.total.receivedOnline + report.total.receivedDirectOrPostal);
    expect(onlineShare.overall.online).toBe(report.total.receivedOnline);
    expect(digitisation.results.decided).toBe(report.total.decided);
  });

  it('for any period, every figure equals the number of rows its drill-down returns, online ≤ received and fully digitised ≤ electronic ≤ decided', async () => {
    const day = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 1, 1 + n)).toISOString().slice(0, 10));
    const count = async (fn: () => Promise<{ items: unknown[] }>) => (await system(fn)).items.length;
    await fc.assert(
      fc.asyncProperty(day, day, async (a, b) => {
        const q = { ...period, from: a <= b ? a : b, to: period.to };
        const o = await system(() => app.get(OnlineShareService).report(q));
        const d = await system(() => app.get(DigitisationReportService).report(q));
        const online = app.get(OnlineShareService);
        const digit = app.get(DigitisationReportService);
        expect(o.overall.online).toBeLessThanOrEqual(o.overall.received);
        expect(d.results.fullyDigitised).toBeLessThanOrEqual(d.results.electronicResult);
        expect(d.results.electronicResult).toBeLessThanOrEqual(d.results.decided);
        expect(await count(() => online.drillDown(q, 'received', { limit: 500 }))).toBe(o.overall.received);
        expect(await count(() => online.drillDown(q, 'online', { limit: 500 }))).toBe(o.overall.online);
        expect(await count(() => digit.drillDown(q, 'decided', { limit: 500 }))).toBe(d.results.decided);
        expect(await count(() => digit.drillDown(q, 'electronicResult', { limit: 500 }))).toBe(d.results.electronicResult);
      }),
      { numRuns: 12 },
    );
  });

  describe('catalog', () => {
    it('Đắk Nông 2023: 131 procedures in force (13 at level 4, 7 at level 3, 111 at level 2) and its three decisions', async () => {
      const tag = randomBytes(3).toString('hex').toUpperCase();
      const agencyCode = `H96.${tag}`;
      const agencyId = await ensureTestAgency(app, { code: agencyCode, unitId: agencies.provinceUnitId });
      await ds.query(
        `with d as (insert into procedure_decisions (number, title, signed_on, effective_from, status, applied_at)
                     values ($1, 'Công bố', '2025-01-01', '2025-01-01', 'APPLIED', now()) returning id),
              p as (insert into procedures (code) select 'DN-' || $2 || '-' || g from generate_series(1, 131) g returning id, code)
         insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, valid_from, name, field_code,
           levels, implementing_agency_id, legacy_online_level)
         select p.id, 1, d.id, 'NEW', '2025-01-01', 'Thủ tục ' || p.code, 'NGUOI_CO_CONG', array['PROVINCE'], $3,
                case when split_part(p.code, '-', 3)::int <= 13 then 4 when split_part(p.code, '-', 3)::int <= 20 then 3 else 2 end
           from p cross join d`,
        [`${tag}/QĐ-DN`, tag, agencyId],
      );
      // Decisions signed in February 2037 (a month no other test uses): 1 province, 1 commune, 1 district decision.
      const decision = async (n: string, day: string, items: Array<[string, string]>) => {
        const [d] = await ds.query<Array<{ id: string }>>(
          `insert into procedure_decisions (number, title, signed_on, effective_from, status, applied_at)
           values ($1, 'Công bố', $2, $2, 'APPLIED', now()) returning id`,
          [`${n}-${tag}/QĐ-UBND`, day],
        );
        for (const [i, [action, level]] of items.entries())
          await ds.query(
            `insert into procedure_decision_items (decision_id, seq, action, procedure_code, content, levels)
             values ($1, $2, $3, $4, case when $3 = 'ABOLISHED' then null else '{}'::jsonb end, array[$5])`,
            [d.id, i + 1, action, `1.00${i}${tag.slice(0, 3)}`, level],
          );
      };
      await decision('1', '2037-02-03', [['AMENDED', 'PROVINCE']]);
      await decision('2', '2037-02-10', [
        ['AMENDED', 'COMMUNE'],
        ...Array.from({ length: 4 }, (): [string, string] => ['NEW', 'COMMUNE']),
        ...Array.from({ length: 3 }, (): [string, string] => ['ABOLISHED', 'COMMUNE']),
      ]);
      await decision('3', '2037-02-20', [['AMENDED', 'DISTRICT']]);
      const q = { from: '2037-02-01', to: '2037-02-28', agencyCode };
      const r = await system(() => app.get(CatalogReportService).report(q));
      expect(r.inForce.total).toBe(131);
      expect(r.inForce.byLegacyLevel).toEqual([
        { key: '2', count: 111 },
        { key: '4', count: 13 },
        { key: '3', count: 7 },
      ]);
      expect(r.inForce.byLevel).toEqual([{ key: 'PROVINCE', count: 131 }]);
      expect(r.inForce.byField).toEqual([{ key: 'NGUOI_CO_CONG', count: 131 }]);
      expect(r.inForce.byOnlineMode).toEqual([{ key: 'NOT_STATED', count: 131 }]);
      expect(r.consistencyErrors).toEqual([]);
      expect(r.decisions.decisions).toBe(3);
      const action = (a: string) => r.decisions.actions.find((x) => x.action === a);
      expect(action('AMENDED')).toEqual({
        action: 'AMENDED',
        count: 3,
        byLevel: [
          { key: 'COMMUNE', count: 1 },
          { key: 'DISTRICT', count: 1 },
          { key: 'PROVINCE', count: 1 },
        ],
      });
      expect(action('NEW')).toMatchObject({ count: 4, byLevel: [{ key: 'COMMUNE', count: 4 }] });
      expect(action('ABOLISHED')).toMatchObject({ count: 3, byLevel: [{ key: 'COMMUNE', count: 3 }] });

      const level4 = await system(() => app.get(CatalogReportService).procedures(q, 'legacyLevel', '4', { limit: 500 }));
      expect(level4.items).toHaveLength(13);
      expect(level4.items.every((i) => i.legacyLevel === '4')).toBe(true);
      const created = await system(() => app.get(CatalogReportService).decisionItems(q, 'NEW', 'COMMUNE', { limit: 500 }));
      expect(created.items).toHaveLength(4);
    });
  });

  describe('Decision 766 service index', () => {
    it('scores the agency from its catalog and dossiers, and drills down to the rows of a sub-indicator', async () => {
      const r = await system(() => app.get(ServiceIndexService).report(period));
      expect(r.agencies).toHaveLength(1);
      const a = r.agencies[0];
      expect(a.counts).toEqual({
        inForce: 2,
        publishedComplete: 1,
        offeredOnline: 2,
        offeredOnlineUsed: 2,
        decided: 4,
        decidedEarlyOrOnTime: 4,
        received: 8,
        receivedOnline: 4,
        electronicResult: 2,
        fullyDigitised: 1,
      });
      const points = Object.fromEntries(a.indicators.map((i) => [i.code, i.points]));
      expect(points['3.3']).toBe(6); // 50 % online reaches the 50 % threshold
      expect(points['2.1']).toBe(10);
      const rows = await system(() =>
        app.get(ServiceIndexService).drillDown(period, '4.1', 'numerator', { limit: 500 }),
      );
      expect(rows.items.map((i) => i.id).sort()).toEqual([ids.d1, ids.d2].sort());
      const late = await system(() => app.get(ServiceIndexService).drillDown(period, '2.1', 'denominator', { limit: 500 }));
      expect(late.items).toHaveLength(4);
      const rowsOf = async (indicator: '1.3' | '3.1' | '3.2' | '3.3', part: 'numerator' | 'denominator') =>
        (await system(() => app.get(ServiceIndexService).drillDown(period, indicator, part, { limit: 500 }))).items;
      expect((await rowsOf('1.3', 'numerator')).map((i) => i.onlineMode)).toEqual(['FULL']);
      expect(await rowsOf('1.3', 'denominator')).toHaveLength(a.counts.inForce);
      expect(await rowsOf('3.2', 'numerator')).toHaveLength(a.counts.offeredOnlineUsed);
      expect(await rowsOf('3.3', 'numerator')).toHaveLength(a.counts.receivedOnline);
    });
  });
});
