import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';
import {
  LISTED_POVERTY_CLASSES,
  povertyFlow,
  type HouseholdClassChange,
} from 'src/modules/reports/registries/poverty-flow';
import type { PovertyFigure } from 'src/modules/reports/registries/poverty-report.sql';
import { RegistriesReportService } from 'src/modules/reports/registries/registries-report.service';
import { countStatuses } from 'src/modules/reports/registries/status-counts';
import { ReportUnitsService } from 'src/modules/reports/registries/report-units.service';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { createRegistryContext } from 'test/integration/registry/registry-context';
import {
  asActor,
  cccdFor,
  DECISION,
  SYSTEM,
  uniqueCode,
  unitActor,
} from 'test/integration/registry/registry-fixtures';
import { freeCode, reportUnits, type ReportUnits } from 'test/integration/reports/report-fixtures';
import { ensureTestUnit } from 'test/utils/auth';
import { testConfig } from 'test/utils/test-app';

const MANUAL = { source: 'MANUAL' as const };
const sys = <T>(fn: () => Promise<T>): Promise<T> => asActor(SYSTEM, fn);

describe('registry reports on PostgreSQL: poverty flows, meritorious people, social protection', () => {
  let app: INestApplication;
  let ds: DataSource;
  let people: PeopleService;
  let households: HouseholdsService;
  let statuses: StatusesService;
  let queries: StatusQueriesService;
  let reports: RegistriesReportService;
  let pool: ReportPool;
  let u: ReportUnits;
  const hh: Record<string, string> = {};
  const person: Record<string, string> = {};

  const household = async (key: string, unitId: string, headName: string): Promise<string> => {
    const h = await households.create({ code: uniqueCode(`RPT${key}`), residenceUnitId: unitId }, MANUAL);
    const head = await people.register(
      { fullName: headName, birth: '1970-05-06', gender: 'MALE', residenceUnitId: unitId, cccd: cccdFor(1970, 'MALE') },
      MANUAL,
    );
    await households.addMember({ householdId: h.id, personId: head.id, relationship: 'HEAD', validFrom: '2020-01-01' }, MANUAL);
    hh[key] = h.id;
    return h.id;
  };
  const list = (key: string, classification: 'POOR' | 'NEAR_POOR' | 'AVERAGE_LIVING_STANDARD' | 'NOT_POOR', validFrom: string) =>
    statuses.grantPovertyStatus(hh[key], { classification, validFrom, decision: DECISION }, MANUAL);
  const register = async (key: string, unitId: string, birth = '1950-01-01'): Promise<string> => {
    const p = await people.register(
      { fullName: `Người ${key}`, birth, gender: 'FEMALE', residenceUnitId: unitId, cccd: cccdFor(Number(birth.slice(0, 4)), 'FEMALE') },
      MANUAL,
    );
    person[key] = p.id;
    return p.id;
  };

  beforeAll(async () => {
    app = await createRegistryContext();
    ds = app.get(DataSource);
    people = app.get(PeopleService);
    households = app.get(HouseholdsService);
    statuses = app.get(StatusesService);
    queries = app.get(StatusQueriesService);
    pool = new ReportPool(ds, testConfig());
    reports = new RegistriesReportService(pool, new ReportUnitsService(app.get(AdminUnitsService), app.get(AccessScopeService)));
    u = await reportUnits(app, '90');

    await sys(async () => {
      // Poverty, year 2025 (31 Dec 2024 → 31 Dec 2025). A and B are old communes merged into C on 2025-07-01.
      await household('H1', u.a, 'Chủ Hộ Một'); // poor in 2024, near-poor from June 2025
      await list('H1', 'POOR', '2024-01-01');
      await list('H1', 'NEAR_POOR', '2025-06-01');
      await household('H2', u.b, 'Chủ Hộ Hai'); // poor throughout
      await list('H2', 'POOR', '2023-01-01');
      await household('H3', u.c, 'Chủ Hộ Ba'); // newly poor, filed under the new commune
      await list('H3', 'POOR', '2025-09-01');
      await household('H4', u.d, 'Chủ Hộ Bốn'); // near-poor, escaped in March 2025
      await list('H4', 'NEAR_POOR', '2024-03-01');
      await list('H4', 'NOT_POOR', '2025-03-01');
      await household('H5', u.a, 'Chủ Hộ Năm'); // average living standard from Feb 2025
      await list('H5', 'AVERAGE_LIVING_STANDARD', '2025-02-01');
      await household('H6', u.e, 'Chủ Hộ Sáu'); // old commune split between C and D: approximate
      await list('H6', 'NEAR_POOR', '2024-01-01');

      // Meritorious people and relatives on 2025-10-01.
      await statuses.grantMerit(await register('M1', u.a), { category: 'WAR_INVALID', injuryRate: 41, validFrom: '2020-01-01', decision: DECISION }, MANUAL);
      const martyr2 = await statuses.grantMerit(await register('M2', u.c, '1940-01-01'), { category: 'MARTYR', validFrom: '2020-01-01', decision: DECISION }, MANUAL);
      const martyr3 = await statuses.grantMerit(await register('M3', u.d, '1942-01-01'), { category: 'MARTYR', validFrom: '2020-01-01', decision: DECISION }, MANUAL);
      await register('R1', u.c, '1920-01-01'); // mother of two martyrs: one relative
      for (const profile of [martyr2, martyr3])
        await statuses.addMeritRelative(profile, { personId: person.R1, relationship: 'MOTHER', validFrom: '2021-01-01', decision: DECISION }, MANUAL);
      const ended = await statuses.grantMerit(await register('M4', u.b), { category: 'HEROIC_MOTHER', validFrom: '2020-01-01', decision: DECISION }, MANUAL);
      await statuses.endStatus('MERIT', ended, { validTo: '2025-05-01', reason: 'DEATH' });

      // Social protection on 2025-10-01.
      for (const [key, unitId, from] of [['S1', u.a, '2025-02-01'], ['S2', u.c, '2025-03-01'], ['S4', u.d, '2024-01-01']] as const) {
        await register(key, unitId, '1955-01-01');
        await ds.query(
          `insert into registry_social_protection_subjects (person_id, bases, group_code, coefficient, valid_from, valid_to,
             decision_number, decision_date, decision_signer, source, created_by)
           values ($1, '{K5A_ELDERLY_POOR_NO_SUPPORTER}', 'K5A_60_TO_80', 1.5, $2, $3, 'QD-1', $2, 'Chủ tịch UBND xã', 'MANUAL', 'test')`,
          [person[key], from, key === 'S4' ? '2025-01-01' : null],
        );
      }
      await register('S3', u.c, '1945-01-01');
      await ds.query(
        `insert into registry_social_pensions (person_id, valid_from, decision_number, decision_date, decision_signer, source, created_by)
         values ($1, '2025-08-01', 'QD-2', '2025-07-20', 'Chủ tịch UBND xã', 'MANUAL', 'test')`,
        [person.S3],
      );
    });
  });
  afterAll(async () => {
    await pool.onModuleDestroy();
    await app.close();
  });

  const eTarget = (): string => [u.c, u.d].sort()[0];
  /** C's predecessors are A, B (FULL) and E (PARTIAL); new → old goes to the first by id (flagged approximate). */
  const firstPredecessorOfC = (): string => [u.a, u.b, u.e].sort()[0];

  it('counts households by class at both year ends, with entries and exits, old communes folded into their successor', async () => {
    const report = await sys(() => reports.poverty({ year: 2025, unitCode: u.codes.c, unitEra: 'POST_2025' }));
    expect(report).toMatchObject({ previousDate: '2024-12-31', date: '2025-12-31', era: 'POST_2025' });
    const fromE = eTarget() === u.c ? 1 : 0;
    expect(report.lines.map((l) => [l.class, l.previous, l.current, l.entries, l.exits, l.approximate])).toEqual([
      ['AVERAGE_LIVING_STANDARD', 0, 1, 1, 0, false],
      ['NEAR_POOR', fromE, 1 + fromE, 1, 0, fromE === 1],
      ['POOR', 2, 2, 1, 1, false],
    ]);
    expect(report.lines.every((l) => l.unitId === u.c && l.unitCode === u.codes.c)).toBe(true);
    for (const l of report.lines) expect(l.current - l.previous).toBe(l.entries - l.exits);
  });

  it('agrees with the registry count of statuses held on the year end (StatusQueriesService.countsOn)', async () => {
    const report = await sys(() => reports.poverty({ year: 2025 }));
    const registry = await sys(() => queries.countsOn(SYSTEM, { date: '2025-12-31', era: 'POST_2025', kind: 'POVERTY' }));
    for (const unitId of [u.c, u.d]) {
      const ours = report.lines.filter((l) => l.unitId === unitId && l.current > 0).map((l) => [l.class, l.current]);
      const theirs = registry.filter((r) => r.unitId === unitId).map((r) => [r.value, r.count]);
      expect(ours).toEqual(theirs);
    }
  });

  it('answers a request for an old commune for its territory, in the old era', async () => {
    const report = await sys(() => reports.poverty({ year: 2025, unitCode: u.codes.a, unitEra: 'PRE_2025' }));
    expect(report.era).toBe('PRE_2025');
    // H1 and H5 are filed under A; H3 (filed under C, asked about in the old era) goes to C's first predecessor.
    const h3ToA = firstPredecessorOfC() === u.a ? 1 : 0;
    expect(report.lines.map((l) => [l.class, l.previous, l.current, l.entries, l.exits])).toEqual([
      ['AVERAGE_LIVING_STANDARD', 0, 1, 1, 0],
      ['NEAR_POOR', 0, 1, 1, 0],
      ['POOR', 1, h3ToA, h3ToA, 1],
    ]);
  });

  it('drills down to exactly the households behind each figure, paged by code, the head CCCD masked', async () => {
    const ask = (cls: 'POOR' | 'NEAR_POOR', figure: PovertyFigure, limit = 50, cursor?: string) =>
      sys(() => reports.povertyHouseholds({ year: 2025, class: cls, figure, unitCode: u.codes.c, reportUnitId: u.c }, { limit, cursor }));
    expect((await ask('POOR', 'exits')).items.map((h) => h.householdId)).toEqual([hh.H1]);
    expect((await ask('POOR', 'entries')).items.map((h) => h.householdId)).toEqual([hh.H3]);
    const first = await ask('POOR', 'previous', 1);
    expect(first.items).toHaveLength(1);
    const second = await ask('POOR', 'previous', 1, first.nextCursor as string);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((h) => h.householdId).sort()).toEqual([hh.H1, hh.H2].sort());
    const exit = (await ask('POOR', 'exits')).items[0];
    expect(exit).toMatchObject({ classBefore: 'POOR', classAfter: 'NEAR_POOR', filedUnitId: u.a, headName: 'Chủ Hộ Một' });
    expect(exit.headCccdMasked).toMatch(/^\d{4}\*{6}\d{2}$/);
    const report = await sys(() => reports.poverty({ year: 2025, unitCode: u.codes.c }));
    for (const line of report.lines)
      for (const figure of ['previous', 'current', 'entries', 'exits'] as const) {
        const page = await ask(line.class as 'POOR', figure, 500);
        expect(page.items).toHaveLength(line[figure]);
      }
  });

  it('keeps the scope in the SQL: an officer of D sees what is filed under D and its predecessors only, and cannot ask for C', async () => {
    const officer = await unitActor(app, u.d);
    const report = await asActor(officer, () => reports.poverty({ year: 2025 }));
    // D's scope holds D and the old commune E split into C and D; E's household counts where the registry puts it.
    const expected: Array<[string, string, number, number]> =
      eTarget() === u.c
        ? [['NEAR_POOR', u.c, 1, 1], ['NEAR_POOR', u.d, 1, 0]]
        : [['NEAR_POOR', u.d, 2, 1]];
    const got = report.lines.map((l) => [l.class, l.unitId, l.previous, l.current]);
    expect(got.sort()).toEqual(expected.sort());
    await expect(asActor(officer, () => reports.poverty({ year: 2025, unitCode: u.codes.c, unitEra: 'POST_2025' }))).rejects.toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
  });

  it('counts meritorious people by category and their relatives under the category of their meritorious person', async () => {
    const report = await sys(() => reports.statuses({ kind: 'MERIT', date: '2025-10-01', unitCode: u.codes.c }));
    expect(report.lines.map((l) => [l.category, l.subjects, l.relatives])).toEqual([
      ['MARTYR', 1, 1],
      ['WAR_INVALID', 1, 0],
    ]);
    expect(report.total).toEqual({ subjects: 2, relatives: 1 });
    // The definition (status-counts.ts) over the statuses held on the date: M1, M2 and R1 (relative of M2 and M3).
    const defined = countStatuses([
      { personId: person.M1, category: 'WAR_INVALID', role: 'SUBJECT' },
      { personId: person.M2, category: 'MARTYR', role: 'SUBJECT' },
      { personId: person.R1, category: 'MARTYR', role: 'RELATIVE' },
      { personId: person.R1, category: 'MARTYR', role: 'RELATIVE' },
    ]);
    expect(report.total).toEqual(defined.total);
    expect(report.categories.map((c) => [c.category, c.subjects, c.relatives])).toEqual(
      [...defined.categories].map(([c, n]) => [c, n.subjects, n.relatives]).sort(),
    );
    const registry = await sys(() => queries.countsOn(SYSTEM, { date: '2025-10-01', era: 'POST_2025', kind: 'MERIT' }));
    expect(registry.filter((r) => r.unitId === u.c).map((r) => [r.value, r.count])).toEqual([
      ['MARTYR', 1],
      ['WAR_INVALID', 1],
    ]);
    const relatives = await sys(() =>
      reports.statusPeople({ kind: 'MERIT', date: '2025-10-01', figure: 'relatives', category: 'MARTYR', unitCode: u.codes.c }, {}),
    );
    expect(relatives.items.map((p) => p.personId)).toEqual([person.R1]);
    expect(relatives.items[0].cccdMasked).toMatch(/^\d{4}\*{6}\d{2}$/);
    const invalids = await sys(() =>
      reports.statusPeople({ kind: 'MERIT', date: '2025-10-01', figure: 'subjects', category: 'WAR_INVALID', reportUnitId: u.c }, {}),
    );
    expect(invalids.items.map((p) => [p.personId, p.unitId])).toEqual([[person.M1, u.c]]);
  });

  it('counts social-protection subjects by group and social pensioners on a date, drill-down exact', async () => {
    const report = await sys(() => reports.statuses({ kind: 'SOCIAL_PROTECTION', date: '2025-10-01', unitCode: u.codes.c }));
    expect(report.lines.map((l) => [l.unitId, l.category, l.subjects])).toEqual([
      [u.c, 'K5A_60_TO_80', 2],
      [u.c, 'SOCIAL_PENSION', 1],
    ]);
    expect(report.total.subjects).toBe(3);
    const page = await sys(() =>
      reports.statusPeople({ kind: 'SOCIAL_PROTECTION', date: '2025-10-01', figure: 'subjects', category: 'K5A_60_TO_80', unitCode: u.codes.c }, {}),
    );
    expect(page.items.map((p) => p.personId).sort()).toEqual([person.S1, person.S2].sort());
    const all = await sys(() =>
      reports.statusPeople({ kind: 'SOCIAL_PROTECTION', date: '2025-10-01', figure: 'subjects', unitCode: u.codes.c }, {}),
    );
    expect(all.items).toHaveLength(report.total.subjects);
    // Asked for old commune A in March 2025: S1 (filed under A), and S2 (filed under new C) if A is C's first
    // predecessor, then flagged approximate.
    const before = await sys(() => reports.statuses({ kind: 'SOCIAL_PROTECTION', date: '2025-03-15', unitCode: u.codes.a }));
    const s2 = firstPredecessorOfC() === u.a ? 1 : 0;
    expect(before.lines.map((l) => [l.unitId, l.category, l.subjects, l.approximate])).toEqual([
      [u.a, 'K5A_60_TO_80', 1 + s2, s2 === 1],
    ]);
  });
  it('property: the SQL flows equal the domain definition for random households, so entries − exits = change in stock', async () => {
    const province = await ensureTestUnit(app, { era: 'POST_2025', code: '90', level: 'PROVINCE' });
    const cls = fc.constantFrom(null, ...LISTED_POVERTY_CLASSES);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ before: cls, after: cls }), { minLength: 1, maxLength: 8 }), async (changes) => {
        const code = await freeCode(ds, 'POST_2025');
        const unitId = await ensureTestUnit(app, { era: 'POST_2025', code, level: 'COMMUNE', parentId: province });
        for (const h of changes as HouseholdClassChange[]) {
          const [row] = await ds.query<Array<{ id: string }>>(
            `insert into registry_households (code, residence_unit_id, source, created_by) values ($1, $2, 'MANUAL', 'test') returning id`,
            [uniqueCode('RPTP'), unitId],
          );
          const status = (c: string, from: string, to: string | null) =>
            ds.query(
              `insert into registry_poverty_statuses (household_id, classification, valid_from, valid_to, decision_number,
                 decision_date, decision_signer, source, created_by)
               values ($1, $2, $3, $4, 'QD-P', $3, 'Chủ tịch UBND xã', 'MANUAL', 'test')`,
              [row.id, c, from, to],
            );
          if (h.before && h.before === h.after) await status(h.before, '2024-06-01', null);
          else {
            if (h.before) await status(h.before, '2024-06-01', '2025-06-01');
            if (h.after) await status(h.after, '2025-06-01', null);
          }
        }
        const report = await sys(() => reports.poverty({ year: 2025, unitCode: code, unitEra: 'POST_2025' }));
        for (const c of LISTED_POVERTY_CLASSES) {
          const line = report.lines.find((l) => l.class === c);
          const expected = povertyFlow(changes, c);
          expect(line ? { previous: line.previous, current: line.current, entries: line.entries, exits: line.exits } : { previous: 0, current: 0, entries: 0, exits: 0 }).toEqual(expected);
          expect(expected.entries - expected.exits).toBe(expected.current - expected.previous);
        }
      }),
      { numRuns: 12 },
    );
  });
});
