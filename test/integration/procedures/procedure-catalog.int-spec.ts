import type { DataSource } from 'typeorm';
import { AuditService } from 'src/modules/audit/audit.service';
import { ProcedureVersionStore } from 'src/modules/procedures/persistence/procedure-version.store';
import { ProcedureDecisionsService } from 'src/modules/procedures/procedure-decisions.service';
import { ProceduresService } from 'src/modules/procedures/procedures.service';
import { ProceduresSeeder } from 'src/modules/procedures/seed/procedures.seeder';
import {
  procedureContent,
  uniqueCode,
  uniqueDecisionNumber,
} from 'test/integration/procedures/procedure-fixtures';
import { openTestDataSource } from 'test/utils/test-app';

describe('procedure catalog: decisions, versions and search (service level, real PostgreSQL)', () => {
  let ds: DataSource;
  let procedures: ProceduresService;
  let decisions: ProcedureDecisionsService;

  beforeAll(async () => {
    ds = await openTestDataSource();
    const store = new ProcedureVersionStore();
    procedures = new ProceduresService(ds, store);
    decisions = new ProcedureDecisionsService(ds, store, new AuditService(ds));
    await ds.transaction((m) => new ProceduresSeeder().run(m));
  });
  afterAll(() => ds.destroy());

  const decision = (
    effectiveFrom: string,
    items: Parameters<ProcedureDecisionsService['createDraft']>[0]['items'],
  ) =>
    decisions.createAndApply({
      number: uniqueDecisionNumber(),
      signer: 'Chủ tịch UBND tỉnh',
      signedOn: effectiveFrom,
      effectiveFrom,
      items,
    });

  describe('seed', () => {
    it('loads the 66 procedures of the sector dataset with the decisions they came from', async () => {
      const [row] = await ds.query<Array<{ procedures: number; decisions: number }>>(
        `select count(distinct v.procedure_id)::int as procedures, count(distinct d.id)::int as decisions
         from procedure_versions v join procedure_decisions d on d.id = v.decision_id
         where d.seed_key like 'procedures-sector:%'`,
      );
      expect(row).toEqual({ procedures: 66, decisions: 9 });
    });

    it('is idempotent: a second run adds nothing', async () => {
      const again = await ds.transaction((m) => new ProceduresSeeder().seed(m));
      expect(again).toEqual({ decisions: 0, procedures: 0 });
    });

    it('keeps a time limit the source does not state as null (unemployment benefit 1.001978)', async () => {
      const v = await procedures.getInForce('1.001978');
      expect(v.name).toBe('Giải quyết trợ cấp thất nghiệp');
      expect(v.timeLimit).toBeNull();
      expect(v.onlineMode).toBe('FULL');
      expect(v.channels).toEqual(['DIRECT', 'ONLINE', 'POSTAL']);
    });

    it('keeps the unit the source uses: calendar days for QĐ 639 and working days for Cao Bằng', async () => {
      const adn = await procedures.getInForce('LDXH-063', '2025-07-01');
      expect(adn.timeLimit).toEqual({ amount: 25, unit: 'CALENDAR_DAYS' });
      expect(await procedures.versionInForce('LDXH-063', '2025-06-30')).toBeUndefined();
      const caoBang = await procedures.getInForce('1.013820');
      expect(caoBang.timeLimit).toEqual({ amount: 35, unit: 'WORKING_DAYS' });
    });

    it('includes the inter-level death registration – funeral support group', async () => {
      const page = await procedures.list({ fieldCode: 'LIEN_THONG_KHAI_TU_MAI_TANG' }, 50);
      expect(page.totalCount).toBe(5);
      expect(page.items.every((v) => v.interLevel)).toBe(true);
      const meritorious = await procedures.getInForce('LDXH-057');
      expect(meritorious.timeLimit).toEqual({ amount: 18, unit: 'WORKING_DAYS' });
    });

    it('finds a procedure by its provincial portal code', async () => {
      const v = await procedures.getInForce('1.014199.H05');
      expect(v.code).toBe('1.014199');
      expect(v.portalCode).toBe('1.014199.H05');
      expect(v.legalBases[0]).toMatchObject({ documentNumber: '432/QĐ-UBND' });
    });
  });

  describe('versions bind by date', () => {
    it('a dossier received before an amendment keeps the old time limit', async () => {
      const code = uniqueCode();
      await decision('2026-01-05', [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }]);
      const before = await procedures.versionInForce(code, '2026-02-10');
      expect(before?.timeLimit).toEqual({ amount: 10, unit: 'WORKING_DAYS' });

      await decision('2026-03-01', [
        {
          action: 'AMENDED',
          procedureCode: code,
          content: procedureContent(code, {
            timeLimit: { amount: 7, unit: 'WORKING_DAYS' },
            steps: [
              { name: 'Tiếp nhận', role: 'RECEPTION_OFFICER', budget: { amount: 1, unit: 'WORKING_DAYS' } },
              {
                name: 'Thẩm định và phê duyệt',
                role: 'SPECIALIST',
                budget: { amount: 6, unit: 'WORKING_DAYS' },
              },
            ],
          }),
        },
      ]);

      const bound = await procedures.versionInForce(code, '2026-02-10');
      expect(bound?.id).toBe(before?.id);
      expect(bound?.timeLimit).toEqual({ amount: 10, unit: 'WORKING_DAYS' });
      expect(bound?.validTo).toBe('2026-03-01');
      const after = await procedures.versionInForce(code, '2026-03-01');
      expect(after?.timeLimit).toEqual({ amount: 7, unit: 'WORKING_DAYS' });
      expect(after?.versionNo).toBe(2);
      expect(await procedures.versionInForce(code, '2026-01-04')).toBeUndefined();
      const batch = await procedures.versionsByIds([before?.id as string, after?.id as string, 'not-a-uuid']);
      expect(batch.map((v) => v.versionNo).sort()).toEqual([1, 2]);
      // The old version stays readable by the id a dossier stored.
      expect((await procedures.getVersion(before?.id as string)).timeLimit).toEqual({
        amount: 10,
        unit: 'WORKING_DAYS',
      });
    });

    it('shows what an amendment changed: time limit and steps', async () => {
      const code = uniqueCode();
      await decision('2026-01-05', [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }]);
      await decision('2026-04-01', [
        {
          action: 'REPLACED',
          procedureCode: code,
          content: procedureContent(code, {
            feePolicy: 'FIXED',
            fees: [{ name: 'Lệ phí', amountVnd: 50_000 }],
            documents: procedureContent(code).documents.slice(0, 1),
          }),
        },
      ]);
      const { changes } = await procedures.diff(code);
      expect(changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ section: 'FEES', path: 'feePolicy', before: '"NONE"', after: '"FIXED"' }),
          expect.objectContaining({ section: 'FEES', path: 'fee 1', change: 'ADDED' }),
          expect.objectContaining({ section: 'DOCUMENTS', path: 'CCCD', change: 'REMOVED' }),
        ]),
      );
      expect((await procedures.history(code)).map((v) => v.changeKind)).toEqual(['NEW', 'REPLACED']);
    });

    it('refuses an amendment that takes effect on or before the version it replaces', async () => {
      const code = uniqueCode();
      await decision('2026-05-01', [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }]);
      await expect(
        decision('2026-05-01', [{ action: 'AMENDED', procedureCode: code, content: procedureContent(code) }]),
      ).rejects.toMatchObject({ code: 'PROCEDURE_DECISION_DATE_CONFLICT' });
    });

    it('an abolished procedure is no longer in force after the decision but stays readable before it', async () => {
      const code = uniqueCode();
      await decision('2026-01-05', [{ action: 'NEW', procedureCode: code, content: procedureContent(code) }]);
      await decision('2026-06-01', [{ action: 'ABOLISHED', procedureCode: code }]);
      expect(await procedures.versionInForce(code, '2026-06-01')).toBeUndefined();
      expect(await procedures.versionInForce(code, '2026-05-31')).toBeDefined();
      const abolished = await procedures.list({ status: 'ABOLISHED', q: code, onDate: '2026-06-01' });
      expect(abolished.items.map((v) => v.code)).toEqual([code]);
      await expect(
        decision('2026-07-01', [{ action: 'AMENDED', procedureCode: code, content: procedureContent(code) }]),
      ).rejects.toMatchObject({ code: 'PROCEDURE_ABOLISHED' });
    });

    it('a decision that fails on one item changes nothing', async () => {
      const code = uniqueCode();
      await expect(
        decision('2026-01-05', [
          { action: 'NEW', procedureCode: code, content: procedureContent(code) },
          { action: 'AMENDED', procedureCode: uniqueCode(), content: procedureContent('X') },
        ]),
      ).rejects.toMatchObject({ code: 'PROCEDURE_DECISION_INVALID' });
      await expect(procedures.history(code)).rejects.toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    });
  });

  describe('step budgets', () => {
    it('refuses steps whose budgets do not add up to the time limit', async () => {
      const code = uniqueCode();
      const content = procedureContent(code, { timeLimit: { amount: 12, unit: 'WORKING_DAYS' } });
      await expect(
        decision('2026-01-05', [{ action: 'NEW', procedureCode: code, content }]),
      ).rejects.toMatchObject({
        code: 'PROCEDURE_STEP_BUDGET_MISMATCH',
        extensions: { stepTotal: 80, limit: 96, unit: 'WORKING_HOURS' },
      });
    });

    it('accepts inter-level steps at commune and province whose budgets add up', async () => {
      const code = uniqueCode();
      const content = procedureContent(code, {
        interLevel: true,
        levels: ['COMMUNE', 'PROVINCE'],
        timeLimit: { amount: 5, unit: 'WORKING_DAYS' },
        steps: [
          {
            name: 'UBND xã tiếp nhận, xác nhận',
            role: 'RECEPTION_OFFICER',
            level: 'COMMUNE',
            budget: { amount: 2, unit: 'WORKING_DAYS' },
          },
          {
            name: 'Sở thẩm định, quyết định',
            role: 'SPECIALIST',
            level: 'PROVINCE',
            budget: { amount: 3, unit: 'WORKING_DAYS' },
          },
        ],
      });
      await decision('2026-01-05', [{ action: 'NEW', procedureCode: code, content }]);
      const v = await procedures.versionInForce(code, '2026-01-05');
      expect(v?.steps.map((s) => [s.seq, s.level, s.budget?.amount])).toEqual([
        [1, 'COMMUNE', 2],
        [2, 'PROVINCE', 3],
      ]);
    });
  });

  describe('search ignores diacritics and tolerates typos (real names from the seed)', () => {
    const names = async (q: string): Promise<string[]> =>
      (await procedures.list({ q }, 20)).items.map((v) => v.name);

    it('"ho ngheo" finds "Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm"', async () => {
      expect(await names('ho ngheo')).toContain('Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm');
    });

    it('"tro cap that nghep" (a letter missing) finds "Giải quyết trợ cấp thất nghiệp"', async () => {
      expect((await names('tro cap that nghep'))[0]).toBe('Giải quyết trợ cấp thất nghiệp');
    });

    it('"giay phep lao dong" finds the work-permit procedures first', async () => {
      const found = await names('giay phep lao dong');
      expect(found[0]).toMatch(/giấy phép lao động/i);
    });

    it('"đăng ký khai tử" with diacritics finds the inter-level group and "liet si" finds martyr procedures', async () => {
      expect((await names('đăng ký khai tử')).length).toBeGreaterThanOrEqual(4);
      expect((await names('liet si')).some((n) => n.includes('liệt sĩ'))).toBe(true);
    });

    it('a code prefix finds the procedure', async () => {
      expect((await procedures.list({ q: '1.001978' })).items[0]?.code).toBe('1.001978');
    });
  });
});
