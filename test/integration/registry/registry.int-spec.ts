import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HouseholdsService } from 'src/modules/registry/households/households.service';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { RegistrySearchService } from 'src/modules/registry/people/registry-search.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { DedupService } from 'src/modules/registry/quality/dedup.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';
import { createRegistryContext } from 'test/integration/registry/registry-context';
import {
  asActor,
  cccdFor,
  DECISION,
  mergedCommunes,
  SYSTEM,
  uniqueCode,
  unitActor,
} from 'test/integration/registry/registry-fixtures';

const MANUAL = { source: 'MANUAL' as const };

describe('registry services on PostgreSQL', () => {
  let app: INestApplication;
  let people: PeopleService;
  let households: HouseholdsService;
  let statuses: StatusesService;
  let queries: StatusQueriesService;
  let dedup: DedupService;
  let vital: VitalEventsService;
  let search: RegistrySearchService;
  let units: { a: string; b: string; c: string; d: string };

  beforeAll(async () => {
    app = await createRegistryContext();
    people = app.get(PeopleService);
    households = app.get(HouseholdsService);
    statuses = app.get(StatusesService);
    queries = app.get(StatusQueriesService);
    dedup = app.get(DedupService);
    vital = app.get(VitalEventsService);
    search = app.get(RegistrySearchService);
    units = await mergedCommunes(app);
  });
  afterAll(() => app.close());

  const sys = <T>(fn: () => Promise<T>) => asActor(SYSTEM, fn);

  it('refuses a CCCD inconsistent with birth year or gender (CCCD_INVALID) and stores none', async () => {
    const cccd = cccdFor(1980, 'MALE');
    await expect(
      sys(() =>
        people.register({ cccd, fullName: 'Lê Thị Hoa', birth: '1980-02-03', gender: 'FEMALE' }, MANUAL),
      ),
    ).rejects.toMatchObject({ code: 'CCCD_INVALID', extensions: { reason: 'GENDER_MISMATCH' } });
    await expect(
      sys(() => people.register({ cccd, fullName: 'Lê Văn Hòa', birth: '1981', gender: 'MALE' }, MANUAL)),
    ).rejects.toMatchObject({ code: 'CCCD_INVALID', extensions: { reason: 'BIRTH_YEAR_MISMATCH' } });
    expect(await people.findByCccd(cccd)).toBeUndefined();
  });

  it('is unique by CCCD: register conflicts, intake by CCCD returns the existing record', async () => {
    const cccd = cccdFor(1975, 'FEMALE');
    const input = {
      cccd,
      fullName: 'Trần  Thị   Mai',
      birth: '1975',
      gender: 'FEMALE' as const,
      residenceUnitId: units.a,
    };
    const first = await sys(() => people.register(input, { source: 'IMPORT', ref: 'batch-1' }));
    expect(first).toMatchObject({
      fullName: 'Trần Thị Mai',
      birth: '1975',
      source: 'IMPORT',
      sourceRef: 'batch-1',
      createdBy: 'system:test',
    });
    await expect(sys(() => people.register(input, MANUAL))).rejects.toMatchObject({
      code: 'CCCD_ALREADY_REGISTERED',
    });
    const again = await sys(() => people.upsertByCccd(input, { source: 'DOSSIER', ref: 'D-1' }));
    expect(again).toMatchObject({ created: false, person: { id: first.id } });
  });

  it('keeps a person in at most one household at a time (exclusion constraint)', async () => {
    const p = await sys(() =>
      people.register({ fullName: 'Phạm Văn Bình', birth: '1960-01-01', gender: 'MALE' }, MANUAL),
    );
    const h1 = await sys(() =>
      households.create({ code: uniqueCode('HH'), residenceUnitId: units.a }, MANUAL),
    );
    const h2 = await sys(() =>
      households.create({ code: uniqueCode('HH'), residenceUnitId: units.a }, MANUAL),
    );
    const m1 = await sys(() =>
      households.addMember(
        { householdId: h1.id, personId: p.id, relationship: 'HEAD', validFrom: '2020-01-01' },
        MANUAL,
      ),
    );
    await expect(
      sys(() =>
        households.addMember(
          { householdId: h2.id, personId: p.id, relationship: 'HEAD', validFrom: '2023-01-01' },
          MANUAL,
        ),
      ),
    ).rejects.toMatchObject({ code: 'HOUSEHOLD_MEMBERSHIP_OVERLAP' });
    await sys(() => households.endMembership(m1.id, '2023-01-01', 'MOVED'));
    await sys(() =>
      households.addMember(
        { householdId: h2.id, personId: p.id, relationship: 'HEAD', validFrom: '2023-01-01' },
        MANUAL,
      ),
    );
    const history = await sys(() => queries.householdHistory(SYSTEM, { code: h1.code }));
    expect(history.members).toEqual([
      expect.objectContaining({
        personId: p.id,
        validFrom: '2020-01-01',
        validTo: '2023-01-01',
        endReason: 'MOVED',
      }),
    ]);
  });

  it('answers who held a status on a date and counts by unit across the 2025 commune merger', async () => {
    const hA = await sys(() =>
      households.create({ code: uniqueCode('HA'), residenceUnitId: units.a, area: 'RURAL' }, MANUAL),
    );
    const hB = await sys(() =>
      households.create({ code: uniqueCode('HB'), residenceUnitId: units.b, area: 'RURAL' }, MANUAL),
    );
    const hC = await sys(() =>
      households.create({ code: uniqueCode('HC'), residenceUnitId: units.c, area: 'RURAL' }, MANUAL),
    );
    const review = await sys(() =>
      statuses.recordPovertyReview(
        hA.id,
        {
          year: 2023,
          reviewType: 'ANNUAL',
          area: 'RURAL',
          incomePerCapita: 1_200_000,
          deprivations: ['HEALTH_INSURANCE', 'LATRINE', 'TELECOM'],
          agricultureForestryFishery: true,
          reviewedOn: '2023-11-20',
        },
        MANUAL,
      ),
    );
    expect(review.classification).toBe('POOR');
    await sys(() =>
      statuses.grantPovertyStatus(
        hA.id,
        { classification: 'POOR', reviewId: review.reviewId, validFrom: '2024-01-01', decision: DECISION },
        MANUAL,
      ),
    );
    await sys(() =>
      statuses.grantPovertyStatus(
        hB.id,
        { classification: 'NEAR_POOR', validFrom: '2024-01-01', decision: DECISION },
        MANUAL,
      ),
    );
    await sys(() =>
      statuses.grantPovertyStatus(
        hC.id,
        { classification: 'NEAR_POOR', validFrom: '2025-08-01', decision: DECISION },
        MANUAL,
      ),
    );
    // the 2025 review lifts household A out of poverty from 2026
    await sys(() =>
      statuses.grantPovertyStatus(
        hA.id,
        { classification: 'NOT_POOR', validFrom: '2026-01-01', decision: { ...DECISION, number: '9/QĐ' } },
        MANUAL,
      ),
    );

    const before = await sys(() =>
      queries.countsOn(SYSTEM, { date: '2024-06-01', era: 'PRE_2025', kind: 'POVERTY' }),
    );
    const pre = before.filter((r) => r.unitId === units.a || r.unitId === units.b);
    expect(pre).toHaveLength(2);
    expect(pre).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: units.a, value: 'POOR', count: 1 }),
        expect.objectContaining({ unitId: units.b, value: 'NEAR_POOR', count: 1 }),
      ]),
    );

    const after = await sys(() =>
      queries.countsOn(SYSTEM, { date: '2025-09-01', era: 'POST_2025', kind: 'POVERTY' }),
    );
    expect(after.filter((r) => r.unitId === units.c)).toEqual([
      { unitId: units.c, kind: 'POVERTY', value: 'NEAR_POOR', count: 2, approximate: false },
      { unitId: units.c, kind: 'POVERTY', value: 'POOR', count: 1, approximate: false },
    ]);
    const in2026 = await sys(() =>
      queries.countsOn(SYSTEM, { date: '2026-02-01', era: 'POST_2025', kind: 'POVERTY' }),
    );
    expect(in2026.filter((r) => r.unitId === units.c).map((r) => [r.value, r.count])).toEqual([
      ['NEAR_POOR', 2],
    ]);

    // The new commune's officer sees the household filed under the old commune; another commune's does not.
    const officerC = await unitActor(app, units.c);
    const officerD = await unitActor(app, units.d);
    const seenByC = await asActor(officerC, () =>
      queries.heldOn(officerC, { date: '2025-09-01', householdId: hA.id }),
    );
    expect(seenByC).toEqual([
      expect.objectContaining({
        kind: 'POVERTY',
        value: 'POOR',
        validFrom: '2024-01-01',
        validTo: '2026-01-01',
        endReason: 'SUPERSEDED',
      }),
    ]);
    expect(
      await asActor(officerD, () => queries.heldOn(officerD, { date: '2025-09-01', householdId: hA.id })),
    ).toEqual([]);
    const countsD = await asActor(officerD, () =>
      queries.countsOn(officerD, { date: '2025-09-01', era: 'POST_2025' }),
    );
    expect(countsD.filter((r) => r.unitId === units.c)).toEqual([]);
  });

  it('queues a similar-name duplicate, merges it re-pointing references, and undoes the merge', async () => {
    const a = await sys(() =>
      people.register(
        { fullName: 'Nguyễn Văn Ánh', birth: '1948', gender: 'MALE', residenceUnitId: units.b },
        MANUAL,
      ),
    );
    const b = await sys(() =>
      people.register(
        {
          fullName: 'Nguyen Van Anh',
          birth: '1948-05-05',
          gender: 'MALE',
          residenceUnitId: units.b,
          cccd: cccdFor(1948, 'MALE'),
          phone: '0912345678',
        },
        { source: 'DIGITISATION', ref: 'item-7' },
      ),
    );
    const h = await sys(() =>
      households.create({ code: uniqueCode('HM'), residenceUnitId: units.b }, MANUAL),
    );
    await sys(() =>
      households.addMember(
        { householdId: h.id, personId: a.id, relationship: 'HEAD', validFrom: '2010-01-01' },
        MANUAL,
      ),
    );
    const merit = await sys(() =>
      statuses.grantMerit(
        a.id,
        {
          category: 'WAR_INVALID',
          injuryRate: 41,
          archiveCode: 'TB-0042',
          validFrom: '1990-01-01',
          decision: DECISION,
        },
        MANUAL,
      ),
    );

    expect(await sys(() => dedup.scan({ unitId: units.b }))).toBeGreaterThanOrEqual(1);
    const [candidate] = (await sys(() => dedup.openCandidates(SYSTEM, 500))).filter((c) =>
      [c.personAId, c.personBId].includes(a.id),
    );
    expect(candidate).toMatchObject({ matchKind: 'SIMILAR_NAME', state: 'OPEN' });

    const mergeId = await sys(() =>
      dedup.merge({ candidateId: candidate.id, survivorId: b.id, mergedId: a.id }),
    );
    const ds = app.get(DataSource);
    const owner = async () =>
      (await ds.query(`select person_id from registry_merit_profiles where id = $1`, [merit]))[0].person_id;
    expect(await owner()).toBe(b.id);
    expect((await households.members(h.id))[0].personId).toBe(b.id);
    expect((await people.getUnscoped(a.id)).mergedIntoId).toBe(b.id);
    const found = await sys(() => search.search(SYSTEM, { name: 'nguyen van anh', unitId: units.b }));
    expect(found.items.map((p) => p.id)).toEqual([b.id]);
    await expect(sys(() => dedup.markNotDuplicate(candidate.id))).rejects.toMatchObject({
      code: 'DUPLICATE_REVIEW_CLOSED',
    });

    await sys(() => dedup.undoMerge(mergeId));
    expect(await owner()).toBe(a.id);
    expect((await households.members(h.id))[0].personId).toBe(a.id);
    expect((await people.getUnscoped(a.id)).mergedIntoId).toBeNull();
    await expect(sys(() => dedup.undoMerge(mergeId))).rejects.toMatchObject({ code: 'MERGE_NOT_UNDOABLE' });
    await sys(() => dedup.markNotDuplicate(candidate.id));
    const audit = await ds.query(
      `select action from audit_events where entity_id in ($1, $2) and action in ('MERGE', 'UNDO_MERGE') order by seq`,
      [a.id, b.id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['MERGE', 'UNDO_MERGE']);
  });

  it('a recorded death ends active statuses from the date of death and opens a review task', async () => {
    const p = await sys(() =>
      people.register(
        {
          fullName: 'Đỗ Thị Lành',
          birth: '1945-03-10',
          gender: 'FEMALE',
          residenceUnitId: units.c,
          cccd: cccdFor(1945, 'FEMALE'),
        },
        MANUAL,
      ),
    );
    const h = await sys(() =>
      households.create({ code: uniqueCode('HD'), residenceUnitId: units.c }, MANUAL),
    );
    await sys(() =>
      households.addMember(
        { householdId: h.id, personId: p.id, relationship: 'HEAD', validFrom: '2000-01-01' },
        MANUAL,
      ),
    );
    const sp = await sys(() =>
      statuses.grantSocialProtection(
        p.id,
        { bases: ['K5A_ELDERLY_POOR_NO_SUPPORTER'], validFrom: '2024-01-01', decision: DECISION },
        MANUAL,
      ),
    );
    expect(sp.group).toMatchObject({ age: 78, coefficient: 1.5 });
    expect((await statuses.socialProtectionGroupOn(p.id, '2025-03-10'))?.coefficient).toBe(2.0);
    await sys(() =>
      statuses.grantSocialPension(
        p.id,
        { validFrom: '2025-07-01', decision: { ...DECISION, date: '2025-07-01' } },
        MANUAL,
      ),
    );

    const outcome = await sys(() =>
      vital.recordDeath(p.id, '2026-03-15', { source: 'DOSSIER', ref: 'death-registration-1' }),
    );
    expect(outcome.endedStatuses.map((s) => s.kind).sort()).toEqual(['SOCIAL_PENSION', 'SOCIAL_PROTECTION']);
    expect(outcome.endedMemberships).toHaveLength(1);
    const history = await queries.personHistory(p.id);
    expect(history.every((s) => s.validTo === '2026-03-15' && s.endReason === 'DEATH')).toBe(true);
    expect(await sys(() => queries.heldOn(SYSTEM, { date: '2026-03-14', personId: p.id }))).toHaveLength(2);
    expect(await sys(() => queries.heldOn(SYSTEM, { date: '2026-03-15', personId: p.id }))).toEqual([]);
    expect(await vital.openReviewTasks(p.id)).toEqual([
      expect.objectContaining({ kind: 'DEATH_RECORDED', id: outcome.reviewTaskId }),
    ]);
    await expect(
      sys(() => statuses.grantSocialPension(p.id, { validFrom: '2026-04-01', decision: DECISION }, MANUAL)),
    ).rejects.toMatchObject({ code: 'PERSON_DECEASED' });
  });

  it('grants the social pension at 70–75 only in a poor or near-poor household', async () => {
    const p = await sys(() =>
      people.register(
        { fullName: 'Vũ Văn Tư', birth: '1954-02-01', gender: 'MALE', residenceUnitId: units.c },
        MANUAL,
      ),
    );
    await expect(
      sys(() => statuses.grantSocialPension(p.id, { validFrom: '2025-08-01', decision: DECISION }, MANUAL)),
    ).rejects.toMatchObject({ code: 'SOCIAL_PENSION_NOT_ELIGIBLE' });
    const h = await sys(() =>
      households.create({ code: uniqueCode('HP'), residenceUnitId: units.c }, MANUAL),
    );
    await sys(() =>
      households.addMember(
        { householdId: h.id, personId: p.id, relationship: 'HEAD', validFrom: '2000-01-01' },
        MANUAL,
      ),
    );
    await sys(() =>
      statuses.grantPovertyStatus(
        h.id,
        { classification: 'NEAR_POOR', validFrom: '2025-01-01', decision: DECISION },
        MANUAL,
      ),
    );
    await expect(
      sys(() => statuses.grantSocialPension(p.id, { validFrom: '2025-08-01', decision: DECISION }, MANUAL)),
    ).resolves.toEqual(expect.any(String));
  });

  it('pages a name search with a keyset cursor, diacritics ignored, without gaps or repeats', async () => {
    for (let i = 0; i < 60; i++)
      await sys(() =>
        people.register(
          {
            fullName: 'Trịnh Văn Khoa',
            birth: String(1950 + (i % 40)),
            gender: 'MALE',
            residenceUnitId: units.d,
          },
          MANUAL,
        ),
      );
    const first = await sys(() =>
      search.search(SYSTEM, { name: 'TRINH van KHOA', unitId: units.d, first: 50 }),
    );
    expect(first.items).toHaveLength(50);
    const second = await sys(() =>
      search.search(SYSTEM, { name: 'trinh van khoa', unitId: units.d, first: 50, after: first.nextCursor! }),
    );
    expect(second.items).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((p) => p.id)).size).toBe(60);
    const rare = await sys(() => search.search(SYSTEM, { name: 'nh van kh', unitId: units.d, first: 500 }));
    expect(rare.items).toHaveLength(60);
  });
});
