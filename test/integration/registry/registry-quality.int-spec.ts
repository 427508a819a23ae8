import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeopleService } from 'src/modules/registry/people/people.service';
import { VitalEventsService } from 'src/modules/registry/people/vital-events.service';
import { PopulationDbSimulator } from 'src/modules/registry/population-db/population-db-simulator';
import { DataQualityService } from 'src/modules/registry/quality/data-quality.service';
import { StatusQueriesService } from 'src/modules/registry/statuses/status-queries.service';
import { StatusesService } from 'src/modules/registry/statuses/statuses.service';
import { createRegistryContext } from 'test/integration/registry/registry-context';
import {
  asActor,
  cccdFor,
  DECISION,
  mergedCommunes,
  SYSTEM,
} from 'test/integration/registry/registry-fixtures';

const MANUAL = { source: 'MANUAL' as const };

describe('registry data quality: population-database verification, completeness, staleness', () => {
  const simulator = new PopulationDbSimulator('sim-token');
  let app: INestApplication;
  let people: PeopleService;
  let quality: DataQualityService;
  let units: { a: string; c: string };

  beforeAll(async () => {
    const url = await simulator.start();
    app = await createRegistryContext({
      POPULATION_DB_URL: url,
      POPULATION_DB_TOKEN: 'sim-token',
      POPULATION_DB_CLIENT_ID: 'an-sinh-test',
      REGISTRY_STALE_AFTER_DAYS: '30',
    });
    people = app.get(PeopleService);
    quality = app.get(DataQualityService);
    units = await mergedCommunes(app);
  });
  afterAll(async () => {
    await app.close();
    await simulator.stop();
  });

  const sys = <T>(fn: () => Promise<T>) => asActor(SYSTEM, fn);

  it('marks a matching record VERIFIED, sending the configured credentials', async () => {
    const cccd = cccdFor(1970, 'MALE');
    simulator.put(cccd, {
      fullName: 'Hoàng Văn Nam',
      birth: '1970-07-07',
      gender: 'MALE',
      deceased: false,
      deathDate: null,
    });
    const p = await sys(() =>
      people.register({ cccd, fullName: 'hoàng văn  nam', birth: '1970-07-07', gender: 'MALE' }, MANUAL),
    );
    await expect(sys(() => quality.verify(p.id))).resolves.toEqual({
      status: 'VERIFIED',
      mismatches: [],
      deathRecorded: false,
    });
    expect((await people.getUnscoped(p.id)).verificationStatus).toBe('VERIFIED');
    expect(simulator.requests.at(-1)).toEqual({
      authorization: 'Bearer sim-token',
      clientId: 'an-sinh-test',
    });
  });

  it('flags a mismatch with a review task, and NOT_FOUND for an unknown number', async () => {
    const cccd = cccdFor(1982, 'FEMALE');
    simulator.put(cccd, {
      fullName: 'Ngô Thị Lan',
      birth: '1982-01-02',
      gender: 'FEMALE',
      deceased: false,
      deathDate: null,
    });
    const p = await sys(() =>
      people.register({ cccd, fullName: 'Ngô Thị Lân', birth: '1982', gender: 'FEMALE' }, MANUAL),
    );
    await expect(sys(() => quality.verify(p.id))).resolves.toMatchObject({
      status: 'MISMATCH',
      mismatches: ['fullName'],
    });
    const tasks = await app
      .get(DataSource)
      .query(`select kind from registry_review_tasks where person_id = $1`, [p.id]);
    expect(tasks).toEqual([{ kind: 'VERIFICATION_MISMATCH' }]);
    const unknown = await sys(() =>
      people.register(
        { cccd: cccdFor(1990, 'MALE'), fullName: 'Không Có', birth: '1990', gender: 'MALE' },
        MANUAL,
      ),
    );
    await expect(sys(() => quality.verify(unknown.id))).resolves.toMatchObject({ status: 'NOT_FOUND' });
  });

  it('records a death reported by the population database: statuses end, a review task opens', async () => {
    const cccd = cccdFor(1940, 'MALE');
    simulator.put(cccd, {
      fullName: 'Lý Văn Thọ',
      birth: '1940',
      gender: 'MALE',
      deceased: true,
      deathDate: '2026-02-10',
    });
    const p = await sys(() =>
      people.register(
        { cccd, fullName: 'Lý Văn Thọ', birth: '1940', gender: 'MALE', residenceUnitId: units.c },
        MANUAL,
      ),
    );
    await sys(() =>
      app
        .get(StatusesService)
        .grantSocialPension(p.id, { validFrom: '2025-07-01', decision: DECISION }, MANUAL),
    );
    await expect(sys(() => quality.verify(p.id))).resolves.toMatchObject({
      status: 'VERIFIED',
      deathRecorded: true,
    });
    expect(await people.getUnscoped(p.id)).toMatchObject({
      vitalStatus: 'DECEASED',
      deathDate: '2026-02-10',
    });
    const [pension] = await app.get(StatusQueriesService).personHistory(p.id);
    expect(pension).toMatchObject({ kind: 'SOCIAL_PENSION', validTo: '2026-02-10', endReason: 'DEATH' });
    expect(await app.get(VitalEventsService).openReviewTasks(p.id)).toEqual([
      expect.objectContaining({ kind: 'DEATH_RECORDED' }),
    ]);
  });

  it('scores completeness: CCCD, full birth date, current residence unit, address, phone', async () => {
    const bare = await sys(() =>
      people.register(
        { fullName: 'Mai Văn Cũ', birth: '1950', gender: 'MALE', residenceUnitId: units.a },
        MANUAL,
      ),
    );
    expect(await quality.completeness(bare.id)).toEqual({
      score: 15,
      missing: [
        'cccd',
        'cccdValid',
        'fullBirthDate',
        'ethnicity',
        'residenceUnitCurrent',
        'address',
        'phone',
      ],
    });
    const full = await sys(() =>
      people.register(
        {
          cccd: cccdFor(1951, 'FEMALE'),
          fullName: 'Mai Thị Mới',
          birth: '1951-09-09',
          gender: 'FEMALE',
          ethnicity: 'Kinh',
          residenceUnitId: units.c,
          address: 'Thôn 3',
          phone: '0987654321',
        },
        MANUAL,
      ),
    );
    expect(await quality.completeness(full.id)).toEqual({ score: 100, missing: [] });
  });

  it('flags a record stale when neither verified nor updated within REGISTRY_STALE_AFTER_DAYS', async () => {
    const p = await sys(() =>
      people.register({ fullName: 'Cao Văn Lâu', birth: '1960', gender: 'MALE' }, MANUAL),
    );
    expect(quality.isStale(p)).toBe(false);
    expect(quality.isStale(p, new Date(p.updatedAt.getTime() + 31 * 86_400_000))).toBe(true);
    expect(
      quality.isStale(
        { ...p, verifiedAt: new Date(p.updatedAt.getTime() + 20 * 86_400_000) },
        new Date(p.updatedAt.getTime() + 31 * 86_400_000),
      ),
    ).toBe(false);
  });
});
